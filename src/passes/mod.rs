//! The cleaning passes, one module each, and their fixed default order.
//!
//! The order follows GOLDEN.md, except where a pass needs a signal that a
//! later one removes (see each module's doc).

use crate::pass::Pass;

pub mod bylines;
pub mod normalize;
pub mod unwrap;

/// Every pass, in the default order.
pub fn all() -> Vec<Box<dyn Pass>> {
    vec![
        Box::new(normalize::Normalize),
        Box::new(unwrap::Unwrap),
        Box::new(bylines::Bylines),
    ]
}
