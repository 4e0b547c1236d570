//! Arbitrary bytes through the decoder, the default pipeline and the edit
//! audit: no panic, no audit violation, idempotent output of the right shape
//! (`ocrclean::invariants::check_bytes`). Run with `cargo +nightly fuzz run clean`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ocrclean::invariants::check_bytes;
use ocrclean::Pipeline;

fuzz_target!(|data: &[u8]| {
    let pipeline = Pipeline::default();
    if let Err(problem) = check_bytes(&pipeline, data) {
        panic!("invariant broken:\n{problem}");
    }
});
