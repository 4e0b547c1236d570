//! Shared by the benchmarks: the raw golden seeds and a quick criterion setup.

use std::time::Duration;

use criterion::Criterion;

/// The raw seeds (`golden/seeds/*.raw.txt`), sorted by name.
pub fn raw_seeds() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("golden/seeds");
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("golden/seeds")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            let name = name.strip_suffix(".raw.txt")?.to_string();
            Some((name, std::fs::read_to_string(&path).ok()?))
        })
        .collect();
    seeds.sort();
    assert!(!seeds.is_empty(), "no raw seeds in {}", dir.display());
    seeds
}

/// Short runs: these measure relative costs, not publishable absolutes.
pub fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
}
