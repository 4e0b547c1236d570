use super::*;
use crate::testing::check_cases;

#[test]
fn unwrap_basics() {
    check_cases(&Unwrap, &[("", ""), ("a", "a\n")]);
}
