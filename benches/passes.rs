//! Each pass alone, on what it really sees: the raw seeds after every pass
//! before it in the default pipeline. `cargo bench --bench passes [NAME]`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ocrclean::pass::PassOutput;
use ocrclean::{edit, Config, Pipeline};

mod common;

fn passes(c: &mut Criterion) {
    let pipeline = Pipeline::default();
    let config = Config::default();
    // inputs[k]: every seed as pass k receives it.
    let mut inputs: Vec<Vec<String>> = vec![Vec::new(); pipeline.names().len()];
    for (_, raw) in common::raw_seeds() {
        let mut k = 0;
        pipeline
            .run_observed(&raw, &config, |stage, before, _, _| {
                if stage.run == 1 {
                    inputs[k].push(before.to_string());
                    k += 1;
                }
            })
            .expect("the pipeline cleans the seeds");
    }
    let mut group = c.benchmark_group("pass");
    for (pass, texts) in pipeline.passes().zip(&inputs) {
        let bytes: usize = texts.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(pass.name(), |b| {
            b.iter(|| {
                for text in texts {
                    let mut out = PassOutput::default();
                    pass.run(text, &config, &mut out);
                    edit::sort(&mut out.edits);
                    std::hint::black_box(edit::apply(text, &out.edits).expect("valid edits"));
                }
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = passes
}
criterion_main!(benches);
