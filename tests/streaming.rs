//! JSONL streams in bounded memory: records are generated on the fly by a
//! reader and counted by a writer, so the test itself holds no corpus, and
//! the run must never read far ahead of what it has written. Not timed.

use std::cell::Cell;
use std::io::{self, BufRead, Read, Write};
use std::rc::Rc;

use ocrclean::corpus::{self, Window};
use ocrclean::jsonl::{self, JsonlOptions, Report};
use ocrclean::{Config, Pipeline, Selection};

/// Lines produced and lines written so far, shared by reader and writer.
#[derive(Default)]
struct Counters {
    read: Cell<u64>,
    written: Cell<u64>,
    /// The most lines that were read but not yet written, at any write.
    max_ahead: Cell<u64>,
}

/// Yields `total` JSONL records, one line at a time, made up on demand.
struct Records {
    total: u64,
    line: Vec<u8>,
    pos: usize,
    counters: Rc<Counters>,
}

impl Read for Records {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Records {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.line.len() && self.counters.read.get() < self.total {
            let i = self.counters.read.get();
            self.counters.read.set(i + 1);
            self.line = format!(
                "{{\"id\":{i},\"text\":\"第{i}号 本报讯\\n２０２４ 年\\n\\n记者\\u3000张三\\r\\n\",\"lang\":\"zh\"}}\n"
            )
            .into_bytes();
            self.pos = 0;
        }
        Ok(&self.line[self.pos..])
    }

    fn consume(&mut self, n: usize) {
        self.pos += n;
    }
}

/// Counts bytes and lines; keeps nothing.
struct CountingWriter {
    bytes: u64,
    counters: Rc<Counters>,
}

impl Write for CountingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes += buf.len() as u64;
        let c = &self.counters;
        c.written
            .set(c.written.get() + buf.iter().filter(|&&b| b == b'\n').count() as u64);
        c.max_ahead
            .set(c.max_ahead.get().max(c.read.get() - c.written.get()));
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn two_hundred_thousand_records_stream_through_a_bounded_window() {
    const TOTAL: u64 = 200_000;
    let window = Window {
        items: 500,
        bytes: 1 << 20,
    };
    let counters = Rc::new(Counters::default());
    let reader = Records {
        total: TOTAL,
        line: Vec::new(),
        pos: 0,
        counters: counters.clone(),
    };
    let mut writer = CountingWriter {
        bytes: 0,
        counters: counters.clone(),
    };
    // One cheap pass: this test is about the stream, not the cleaning, and
    // must stay quick in a debug build.
    let only_normalize = Selection {
        only: Some(vec!["normalize".into()]),
        ..Selection::default()
    };
    let pipeline = Pipeline::select(&only_normalize).unwrap();
    let config = Config::default();
    let pool = corpus::thread_pool(Some(2)).unwrap();
    let options = JsonlOptions {
        window,
        ..JsonlOptions::default()
    };
    let mut last_line = 0;
    let summary = jsonl::clean_jsonl(
        &pool,
        reader,
        &mut writer,
        &options,
        |text| pipeline.clean(text, &config),
        |report| {
            if let Report::Cleaned { line, .. } = report {
                assert_eq!(line, last_line + 1, "records come out in input order");
                last_line = line;
            }
        },
    )
    .unwrap();
    assert_eq!(summary.cleaned, TOTAL);
    assert_eq!(summary.bad, 0);
    assert_eq!(counters.written.get(), TOTAL);
    assert_eq!(summary.bytes_out, writer.bytes);
    // No batch ever held more than the window, and the reader never got more
    // than three windows ahead of the writer (one being read, one being
    // cleaned, one being written).
    assert!(summary.largest_batch <= window.items, "{summary:?}");
    assert_eq!(summary.largest_batch, window.items);
    let ahead = counters.max_ahead.get();
    assert!(
        ahead <= 3 * window.items as u64,
        "read {ahead} lines ahead of the writer"
    );
}
