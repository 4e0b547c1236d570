#!/usr/bin/env bash
# The layout sweep: every source article set on pages of 1-3 columns and
# several widths, extracted fourteen ways, then `ocrclean eval` over them with
# a summary per columns and extractor (see sweep.py and the README's
# "Beyond the golden set"). Installs what is missing first (deps.sh,
# Tesseract with its Chinese models for the OCR extractor, pdfminer.six and
# PyMuPDF from PyPI, RapidOCR in a virtual environment of its own (pinned;
# rapid.py); deps.sh installs pdfplumber).
#
# Usage: scripts/layout-cases/sweep.sh [OUT] [--traditional] [--articles heldout|heldout2|heldout3|heldout4|heldout5]
#                                       [--shapes other] [--only EXTRACTOR...]
#   OUT defaults to target/sweep; --traditional sets every article in
#   Traditional characters first (OpenCC, installed with pip if missing);
#   --articles heldout (heldout2 … heldout5) sets a held-out set (heldout_articles.py)
#   instead of the default ones; --shapes other sets the pages in other widths,
#   type sizes and gutters (no rule was made from them); --only limits the
#   extractors (`rapid ocr`, `layout` for pdftotext -layout).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/deps.sh"
if ! tesseract --list-langs 2>/dev/null | grep -qx chi_tra; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y tesseract-ocr \
        tesseract-ocr-chi-sim tesseract-ocr-chi-tra
fi
for module in pdfminer:pdfminer.six pymupdf:pymupdf; do
    python3 -c "import ${module%%:*}" 2>/dev/null || python3 -m pip install "${module#*:}"
done
rapid_python="${RAPIDOCR_PYTHON:-$HOME/.cache/ocrclean/rapidocr/bin/python}"
if [ ! -x "$rapid_python" ]; then
    python3 -m venv "$(dirname "$(dirname "$rapid_python")")"
    "$rapid_python" -m pip install 'rapidocr_onnxruntime==1.4.4'
fi
out="${1:-$here/../../target/sweep}"
shift || true
if [[ " $* " == *" --traditional "* ]]; then
    python3 -c 'import opencc' 2>/dev/null || python3 -m pip install opencc-python-reimplemented
fi
rm -rf "$out"
python3 "$here/sweep.py" --out "$out" "$@"
cargo build --release --quiet --bin ocrclean --manifest-path "$here/../../Cargo.toml"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$here/../../target/release/ocrclean" eval "$out" --format json >"$report"
python3 "$here/sweep_summary.py" "$report"
