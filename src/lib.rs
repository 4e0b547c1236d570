//! ocrclean: turns raw text extracted from scanned or PDF newspaper pages
//! into clean text, in named passes whose every edit is reported.
//!
//! The library owns all behaviour; the `ocrclean` binary only calls
//! [`cli::main`].
//!
//! ```
//! let raw = "园区热点园区热点\n\n本报讯 近日，2024 年湖北\n\n";
//! let clean = ocrclean::clean_text(raw).unwrap();
//! assert!(clean.starts_with("园区热点"));
//! ```

pub mod audit;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod decode;
pub mod edit;
pub mod eval;
pub mod hash;
pub mod invariants;
pub mod io;
pub mod jsonl;
pub mod pass;
pub mod passes;
pub mod text;

#[cfg(test)]
pub(crate) mod testing;

pub use audit::{run_audited, Audited, Violation};
pub use config::Config;
pub use decode::{decode, DecodeOptions, Decoded};
pub use edit::{Edit, EditKind};
pub use pass::{Cleaned, Pass, PassError, Pipeline, Selection};

/// Cleans `text` with the default pipeline and configuration.
pub fn clean_text(text: &str) -> Result<String, PassError> {
    Pipeline::default().clean(text, &Config::default())
}
