//! The whole pipeline and the machinery around it, on the raw seeds:
//! decoding, the default pipeline, and a JSONL record round trip.
//! `cargo bench --bench pipeline`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ocrclean::jsonl::{self, JsonlOptions};
use ocrclean::{corpus, decode, Config, DecodeOptions, Pipeline};

mod common;

fn pipeline(c: &mut Criterion) {
    let seeds = common::raw_seeds();
    let bytes: usize = seeds.iter().map(|(_, text)| text.len()).sum();
    let pipeline = Pipeline::default();
    let config = Config::default();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("decode", |b| {
        b.iter(|| {
            for (_, text) in &seeds {
                std::hint::black_box(decode(text.as_bytes(), &DecodeOptions::default()).unwrap());
            }
        })
    });
    group.bench_function("clean", |b| {
        b.iter(|| {
            for (_, text) in &seeds {
                std::hint::black_box(pipeline.clean(text, &config).unwrap());
            }
        })
    });
    group.bench_function("explain", |b| {
        // Config gains fields as passes land.
        #[allow(clippy::needless_update)]
        let explain = Config {
            explain: true,
            ..Config::default()
        };
        b.iter(|| {
            for (_, text) in &seeds {
                let cleaned = pipeline.run(text, &explain).unwrap();
                std::hint::black_box(ocrclean::pass::explain(text, &cleaned.records));
            }
        })
    });
    // The seeds as JSONL, cleaned with no pass: the cost of the format alone.
    let mut lines = Vec::new();
    for (i, (name, text)) in seeds.iter().enumerate() {
        let record = serde_json::json!({ "id": i, "source": name, "text": text });
        serde_json::to_writer(&mut lines, &record).unwrap();
        lines.push(b'\n');
    }
    let pool = corpus::thread_pool(Some(1)).unwrap();
    group.throughput(Throughput::Bytes(lines.len() as u64));
    group.bench_function("jsonl-no-pass", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(lines.len());
            jsonl::clean_jsonl(
                &pool,
                &lines[..],
                &mut out,
                &JsonlOptions::default(),
                |text| Ok::<_, String>(text.to_string()),
                |_| {},
            )
            .unwrap();
            std::hint::black_box(out)
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = pipeline
}
criterion_main!(benches);
