#!/usr/bin/env bash
# Install briefgen into .venv, with the system libraries WeasyPrint uses.
#
#   scripts/install.sh          the tool: Pango (layout), HarfBuzz-subset (small, fast PDFs) and
#                               Cairo (a map or picture in SVG, drawn for Word documents)
#   scripts/install.sh --test   also the test tools, Debian's chromium for the browser tests and
#                               LibreOffice Writer, which opens the Word documents in the tests
#
# System packages are installed with apt-get when it is available (as root, or via sudo);
# otherwise the script says which ones to install and carries on.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2)
extras=""
if [[ "${1:-}" == "--test" ]]; then
  packages+=(chromium libreoffice-writer-nogui)
  extras="[test]"
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null; then
    sudo=""
    [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null && sudo="sudo"
    echo "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Please install these system packages (Debian names): ${missing[*]}" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"
echo "briefgen installed in .venv: run .venv/bin/briefgen --help"
