#!/usr/bin/env bash
# Checks that this checkout's release build writes byte-identical output to
# a reference build (default: the commit `main` points at) on the golden raw
# files, the regression inputs and ~1,400 deterministic variants of them
# (halves, concatenations, no blank lines, CRLF, cut and mutated lines,
# doubled lines, shuffled blocks). For changes meant to change no output,
# such as speed work; an intended change shows up here as a diff to review.
#
#   scripts/same-output/check.sh            # against main
#   scripts/same-output/check.sh REV        # against another commit
#
# The reference is built once per commit under target/same-output/.
set -euo pipefail
cd "$(dirname "$0")/../.."
REV="${1:-main}"
SHA=$(git rev-parse "$REV")
WORK=target/same-output
REF="$WORK/ref-$SHA/ocrclean"
if [ ! -x "$REF" ]; then
    rm -rf "$WORK/src-$SHA"
    mkdir -p "$WORK/src-$SHA" "$WORK/ref-$SHA"
    git archive "$SHA" | tar -x -C "$WORK/src-$SHA"
    CARGO_TARGET_DIR="$PWD/target" cargo build --release --quiet --bin ocrclean \
        --manifest-path "$WORK/src-$SHA/Cargo.toml" --target-dir "$WORK/target-ref"
    cp "$WORK/target-ref/release/ocrclean" "$REF"
    rm -rf "$WORK/src-$SHA"
fi
cargo build --release --quiet --bin ocrclean
rm -rf "$WORK/inputs" "$WORK/out-ref" "$WORK/out-new"
python3 scripts/same-output/variants.py "$WORK/inputs"
# Exit 2 is expected where an input does not decode; the outputs still compare.
"$REF" clean --quiet "$WORK/inputs" -o "$WORK/out-ref" 2>"$WORK/ref.err" || true
target/release/ocrclean clean --quiet "$WORK/inputs" -o "$WORK/out-new" 2>"$WORK/new.err" || true
COUNT=$(find "$WORK/inputs" -type f | wc -l)
if diff -rq "$WORK/out-ref" "$WORK/out-new" >"$WORK/diff.txt" && diff -q "$WORK/ref.err" "$WORK/new.err" >/dev/null; then
    echo "same output as $REV ($SHA) on $COUNT inputs"
else
    echo "DIFFERENT output from $REV ($SHA) on $(wc -l <"$WORK/diff.txt") of $COUNT inputs:" >&2
    head -20 "$WORK/diff.txt" >&2
    exit 1
fi
