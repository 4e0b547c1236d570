//! Running many documents through the pipeline: a local thread pool and an
//! ordered, bounded, parallel map.
//!
//! Documents are taken from their source in batches (a [`Window`]: at most
//! so many items and, past the first item, so many bytes), each batch is
//! cleaned in parallel on a rayon pool, and the results are handed back in
//! input order. While one batch is being cleaned the calling thread reads the
//! next one and writes the previous one, so reading and writing overlap with
//! cleaning, and at most two batches (plus the results of one) are in memory
//! at any time, whatever the size of the corpus. Output therefore depends
//! only on the input, never on the number of threads.

use std::ops::ControlFlow;
use std::sync::mpsc;

use rayon::prelude::*;

/// How much one batch may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// At most this many items per batch (at least one).
    pub items: usize,
    /// A batch is closed once its items weigh this many bytes (so a batch
    /// holds at most this plus one item; a single huge item still goes
    /// through, alone or nearly).
    pub bytes: usize,
}

impl Window {
    /// Per batch: 1024 records or 4 MiB, enough to keep every core busy
    /// and small enough that a gigabyte corpus stays within tens of MB.
    pub const DEFAULT: Window = Window {
        items: 1024,
        bytes: 4 << 20,
    };
}

impl Default for Window {
    fn default() -> Self {
        Window::DEFAULT
    }
}

/// Builds a local thread pool with `jobs` threads (`None` or 0: one per
/// core). Nothing global is touched: every run owns its pool.
pub fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool, rayon::ThreadPoolBuildError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(0))
        .thread_name(|i| format!("ocrclean-{i}"))
        .build()
}

/// Collects the next batch from `next_item` (which returns `Ok(None)` at
/// the end), within `window`; `weight` gives an item's size in bytes.
pub fn fill_batch<T, E>(
    window: Window,
    mut next_item: impl FnMut() -> Result<Option<T>, E>,
    weight: impl Fn(&T) -> usize,
) -> Result<Vec<T>, E> {
    let mut batch = Vec::new();
    let mut bytes = 0usize;
    while batch.is_empty() || (batch.len() < window.items && bytes < window.bytes) {
        match next_item()? {
            Some(item) => {
                bytes = bytes.saturating_add(weight(&item));
                batch.push(item);
            }
            None => break,
        }
    }
    Ok(batch)
}

/// Maps `work` over every item that `next_batch` yields (an empty batch ends
/// the input), in parallel on `pool`, and hands each batch of results to
/// `sink` in input order. `sink` may stop the run early with
/// [`ControlFlow::Break`]; an error from either side stops it and is
/// returned.
///
/// `next_batch` and `sink` run on the calling thread, overlapping with the
/// cleaning of the batch in flight; `work` runs on the pool.
pub fn map_ordered<T, R, E>(
    pool: &rayon::ThreadPool,
    mut next_batch: impl FnMut() -> Result<Vec<T>, E>,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(Vec<R>) -> Result<ControlFlow<()>, E>,
) -> Result<(), E>
where
    T: Send,
    R: Send,
{
    let work = &work;
    pool.in_place_scope(|scope| {
        let mut in_flight: Option<mpsc::Receiver<Vec<R>>> = None;
        loop {
            let batch = next_batch()?;
            let next = if batch.is_empty() {
                None
            } else {
                let (sender, receiver) = mpsc::sync_channel(1);
                scope.spawn(move |_| {
                    let results: Vec<R> = batch.into_par_iter().map(work).collect();
                    // The receiver is gone only when the run already stopped.
                    let _ = sender.send(results);
                });
                Some(receiver)
            };
            if let Some(previous) = in_flight.take() {
                // A closed channel means `work` panicked; the scope re-raises
                // that panic when it ends.
                let Ok(results) = previous.recv() else {
                    return Ok(());
                };
                if sink(results)?.is_break() {
                    return Ok(());
                }
            }
            match next {
                Some(receiver) => in_flight = Some(receiver),
                None => return Ok(()),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs `map_ordered` over `0..n` in batches of `window`, squaring.
    fn squares(n: u64, window: Window, jobs: usize) -> (Vec<u64>, usize) {
        let pool = thread_pool(Some(jobs)).unwrap();
        let mut source = 0..n;
        let mut out = Vec::new();
        let mut largest_batch = 0;
        map_ordered(
            &pool,
            || fill_batch(window, || Ok::<_, ()>(source.next()), |_| 8),
            |x| x * x,
            |batch| {
                largest_batch = largest_batch.max(batch.len());
                out.extend(batch);
                Ok(ControlFlow::Continue(()))
            },
        )
        .unwrap();
        (out, largest_batch)
    }

    #[test]
    fn results_come_back_in_input_order_for_any_thread_count() {
        let expected: Vec<u64> = (0..10_000u64).map(|x| x * x).collect();
        for jobs in [1, 2, 4] {
            let window = Window {
                items: 100,
                bytes: usize::MAX,
            };
            let (out, largest) = squares(10_000, window, jobs);
            assert_eq!(out, expected, "jobs={jobs}");
            assert_eq!(largest, 100);
        }
    }

    #[test]
    fn batches_close_on_bytes_and_items() {
        let by_bytes = Window {
            items: 1000,
            bytes: 80,
        };
        assert_eq!(squares(1000, by_bytes, 2).1, 10);
        let one = Window { items: 0, bytes: 0 };
        assert_eq!(squares(5, one, 2), (vec![0, 1, 4, 9, 16], 1));
        assert_eq!(squares(0, Window::DEFAULT, 2), (vec![], 0));
    }

    #[test]
    fn sink_can_stop_and_errors_propagate() {
        let pool = thread_pool(Some(2)).unwrap();
        let mut source = 0..1000u32;
        let mut seen = 0;
        map_ordered(
            &pool,
            || {
                fill_batch(
                    Window {
                        items: 10,
                        bytes: usize::MAX,
                    },
                    || Ok::<_, ()>(source.next()),
                    |_| 1,
                )
            },
            |x| x,
            |batch| {
                seen += batch.len();
                Ok(if seen >= 30 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                })
            },
        )
        .unwrap();
        assert_eq!(seen, 30);
        let mut calls = 0;
        let result = map_ordered(
            &pool,
            || {
                calls += 1;
                if calls == 3 {
                    Err("read failed")
                } else {
                    Ok(vec![1u8])
                }
            },
            |x| x,
            |_| Ok(ControlFlow::Continue(())),
        );
        assert_eq!(result, Err("read failed"));
    }
}
