#!/usr/bin/env bash
# Regenerates the evaluation table in README.md, between the markers
# `<!-- eval:begin -->` and `<!-- eval:end -->`, from the totals of
# `ocrclean eval golden --format markdown`. Run it after a pass changes the
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
echo "README.md: evaluation table updated"
