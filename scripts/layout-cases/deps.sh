#!/usr/bin/env bash
# Installs, only if missing, what the layout generators need (none of it is
# needed by the Rust build, the tests or CI):
#   Debian: poppler-utils (pdftotext, pdftoppm), fonts-arphic-uming (Song/Ming
#           body font), fonts-wqy-zenhei (Hei headline font)
#   PyPI:   reportlab and pdfplumber (pinned, the versions the cases were
#           made with; pdfplumber writes golden/layout/*-plumber.raw.txt),
#           pypdf (the sweep's `-pypdf` and `-pypdflayout` extractions)
# Sourced by make.sh and sweep.sh.
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
[ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || need+=(fonts-arphic-uming)
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || need+=(fonts-wqy-zenhei)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
fi
python3 -c 'import reportlab' 2>/dev/null || python3 -m pip install 'reportlab==5.1.0'
python3 -c 'import pdfplumber' 2>/dev/null || python3 -m pip install 'pdfplumber==0.11.10'
python3 -c 'import pypdf' 2>/dev/null || python3 -m pip install 'pypdf==7.1.0'
export PYTHONDONTWRITEBYTECODE=1   # keep __pycache__ out of the repo
