use super::*;
use crate::testing::check_cases;

#[test]
fn placeholder() {
    check_cases(&Columns, &[("a\n", "a\n")]);
}
