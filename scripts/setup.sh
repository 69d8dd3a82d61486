#!/usr/bin/env bash
# Install the Debian packages vankien needs, only those that are missing.
#   scripts/setup.sh          what serving needs (poppler-utils, tesseract with Vietnamese, netpbm
#                             to decode scanned images, fonts, LibreOffice Writer without GUI
#                             for Word 97–2003 and RTF)
#   scripts/setup.sh --test   also what the test suite needs (epubcheck, a JRE, Chromium for
#                             the reader tested in a real browser)
set -euo pipefail

packages=(poppler-utils tesseract-ocr tesseract-ocr-vie netpbm fonts-dejavu-core libreoffice-writer-nogui)
if [[ "${1:-}" == "--test" ]]; then
    packages+=(epubcheck default-jre-headless chromium)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

echo "vankien: installing ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
