#!/usr/bin/env bash
# Regenerate golden/layout/ (the `columns` pass cases) from the source
# articles in articles.py and the page layouts in pages.py. See README.md.
#
# Installs what is missing first (deps.sh).
#
# Usage: scripts/layout-cases/make.sh [--png] [--pdf-dir DIR] [--out DIR] [case ...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

. "$here/deps.sh"

echo "pdftotext: $(pdftotext -v 2>&1 | head -n1)"
exec python3 "$here/make_cases.py" "$@"
