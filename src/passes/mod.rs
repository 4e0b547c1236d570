//! The cleaning passes, one module each, and their fixed default order.
//!
//! The order follows GOLDEN.md, except where a pass needs a signal that a
//! later one removes (see each module's doc).

use crate::pass::Pass;

pub mod normalize;
pub mod numbers;
pub mod punct;
pub mod spacing;
pub mod undouble;

/// Every pass, in the default order.
pub fn all() -> Vec<Box<dyn Pass>> {
    vec![
        // columns goes here (first: it needs raw display positions).
        Box::new(normalize::Normalize),
        Box::new(undouble::Undouble),
        // numbers runs before unwrap: it joins number/unit wraps on strong local evidence.
        Box::new(numbers::Numbers),
        // unwrap goes here.
        // bylines goes here (before spacing, which removes the space after `。`).
        Box::new(spacing::Spacing),
        Box::new(punct::Punct),
    ]
}
