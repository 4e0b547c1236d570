//! Arbitrary bytes through the decoder (lossy), the default pipeline and the
//! edit audit: no panic, no hang, no audit violation. Narrower than `clean`
//! (no idempotence or shape check), so that a known idempotence bug does not
//! stop a campaign hunting crashes and undeclared changes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ocrclean::{decode, run_audited, Config, DecodeOptions, Pipeline};

fuzz_target!(|data: &[u8]| {
    let options = DecodeOptions {
        lossy: true,
        ..Default::default()
    };
    let Ok(decoded) = decode(data, &options) else {
        return;
    };
    let audited = run_audited(&Pipeline::default(), &decoded.text, &Config::default())
        .expect("passes make applicable edits");
    if let Some(v) = audited.violations.first() {
        panic!("audit: {v}");
    }
});
