#!/usr/bin/env bash
# Regenerate golden/layout/ (the `columns` pass cases) from the source
# articles in articles.py and the page layouts in pages.py. See README.md.
#
# Installs, only if missing (none of it is needed by the Rust build or CI):
#   Debian: poppler-utils (pdftotext, pdftoppm), fonts-arphic-uming (Song/Ming
#           body font), fonts-wqy-zenhei (Hei headline font)
#   PyPI:   reportlab (pinned, the version the cases were made with)
#
# Usage: scripts/layout-cases/make.sh [--png] [--pdf-dir DIR] [--out DIR] [case ...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || need+=(fonts-arphic-uming)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
fi
python3 -c 'import reportlab' 2>/dev/null || python3 -m pip install 'reportlab==5.1.0'

echo "pdftotext: $(pdftotext -v 2>&1 | head -n1)"
export PYTHONDONTWRITEBYTECODE=1   # keep __pycache__ out of the repo
exec python3 "$here/make_cases.py" "$@"
