//! Builds a benchmark corpus from the bundled raw seeds: many small files
//! (copies of the seeds, 100 to a directory) and the same documents as one
//! JSON Lines file. Used by `scripts/bench.sh`.
//!
//! ```sh
//! cargo run --release --example bench_corpus -- golden/seeds OUT 40          # OUT/files/, OUT/corpus.jsonl
//! cargo run --release --example bench_corpus -- golden/seeds OUT 1024 --jsonl-only
//! ```

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (seeds, out, megabytes) = match args.as_slice() {
        [seeds, out, mb, ..] => (PathBuf::from(seeds), PathBuf::from(out), mb.parse::<u64>()?),
        _ => return Err("usage: bench_corpus SEEDS_DIR OUT_DIR MEGABYTES [--jsonl-only]".into()),
    };
    let jsonl_only = args.iter().any(|a| a == "--jsonl-only");
    let seeds = read_seeds(&seeds)?;
    let target = megabytes * 1_000_000;
    fs::create_dir_all(&out)?;
    let files_dir = out.join("files");
    if !jsonl_only {
        fs::create_dir_all(&files_dir)?;
    }
    let mut jsonl = BufWriter::with_capacity(1 << 20, fs::File::create(out.join("corpus.jsonl"))?);
    let (mut written, mut documents) = (0u64, 0u64);
    while written < target {
        let (name, text) = &seeds[(documents % seeds.len() as u64) as usize];
        if !jsonl_only {
            let dir = files_dir.join(format!("{:04}", documents / 100));
            fs::create_dir_all(&dir)?;
            fs::write(dir.join(format!("{documents:06}_{name}")), text)?;
        }
        let record = serde_json::json!({ "id": documents, "source": name, "text": text });
        serde_json::to_writer(&mut jsonl, &record)?;
        jsonl.write_all(b"\n")?;
        written += text.len() as u64;
        documents += 1;
    }
    jsonl.flush()?;
    println!("{documents} documents, {written} bytes of text");
    Ok(())
}

/// The `*.raw.txt` seeds, sorted by name.
fn read_seeds(dir: &Path) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut seeds = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".raw.txt") {
            seeds.push((name, fs::read_to_string(&path)?));
        }
    }
    seeds.sort();
    if seeds.is_empty() {
        return Err(format!("no *.raw.txt in {}", dir.display()).into());
    }
    Ok(seeds)
}
