#!/usr/bin/env bash
# Regenerates the generated parts of README.md: the pass list between
# `<!-- passes:begin -->` and `<!-- passes:end -->` (from `ocrclean passes`;
# tests/readme.rs fails when it is stale) and the evaluation table between
# `<!-- eval:begin -->` and `<!-- eval:end -->` (from the totals of
# `ocrclean eval golden --format markdown`). Run it after a pass changes the
# numbers (and after `--write-baseline`), then commit README.md with them.
set -euo pipefail
cd "$(dirname "$0")/.."
grep -q '<!-- eval:begin -->' README.md && grep -q '<!-- eval:end -->' README.md || {
  echo "update-readme-eval: README.md lacks the eval markers" >&2
  exit 2
}
report=$(cargo run --quiet --release -- eval golden --format markdown --worst 0)
block=$(mktemp)
out=$(mktemp)
trap 'rm -f "$block" "$out"' EXIT
# The totals table and the line under it (everything from the first row on).
printf '%s\n' "$report" | sed -n '/^|/,$p' >"$block"
[ -s "$block" ] || { echo "update-readme-eval: no table in the eval report" >&2; exit 1; }
awk -v block="$block" '
  /<!-- eval:begin -->/ { print; print ""; while ((getline line < block) > 0) print line; print ""; skip = 1; next }
  /<!-- eval:end -->/   { skip = 0 }
  !skip                 { print }
' README.md >"$out"
cat "$out" >README.md
passes=$(mktemp)
trap 'rm -f "$block" "$out" "$passes"' EXIT
{ echo '```'; cargo run --quiet --release -- passes; echo '```'; } >"$passes"
awk -v block="$passes" '
  /<!-- passes:begin -->/ { print; while ((getline line < block) > 0) print line; skip = 1; next }
  /<!-- passes:end -->/   { skip = 0 }
  !skip                   { print }
' README.md >"$out"
cat "$out" >README.md
echo "README.md: pass list and evaluation table updated"
