//! The throughput floor for `scripts/bench.sh`: does only what any cleaner
//! must (read each document, check it is UTF-8, write it back) and nothing
//! else, on one thread, so `ocrclean clean`'s time can be read as a ratio to
//! it.
//!
//! ```sh
//! floor DIR OUT_DIR                 # every *.txt under DIR, mirrored into OUT_DIR
//! floor --jsonl IN.jsonl OUT.jsonl  # line by line
//! ```

use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["--jsonl", input, output] => jsonl(Path::new(input), Path::new(output)),
        [input, output] => files(Path::new(input), Path::new(output)),
        _ => Err("usage: floor DIR OUT_DIR | floor --jsonl IN OUT".into()),
    }
}

fn files(input: &Path, output: &Path) -> Result<(), Box<dyn std::error::Error>> {
    for entry in walkdir::WalkDir::new(input).sort_by_file_name() {
        let entry = entry?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let bytes = fs::read(entry.path())?;
        let text = std::str::from_utf8(&bytes)?;
        let target = output.join(entry.path().strip_prefix(input)?);
        fs::create_dir_all(target.parent().expect("a file has a parent"))?;
        fs::write(target, text)?;
    }
    Ok(())
}

fn jsonl(input: &Path, output: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut reader = BufReader::with_capacity(1 << 16, fs::File::open(input)?);
    let mut writer = BufWriter::with_capacity(1 << 16, fs::File::create(output)?);
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line)? > 0 {
        writer.write_all(std::str::from_utf8(&line)?.as_bytes())?;
        line.clear();
    }
    writer.flush()?;
    Ok(())
}
