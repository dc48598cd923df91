#!/usr/bin/env bash
# Runs every test. Needs the .NET SDK, Node.js and npm, plus Debian's chromium and poppler-utils
# (installed here when root or sudo can): Azurite comes from npm into node_modules,
# and the test fixtures start it themselves (in memory, on free ports).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error

# The browser tests drive Debian's Chromium (Playwright's own browser download cannot be used), and
# the return-label test prints labels to pixels with poppler's pdftoppm to scan their barcode back.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo apt-get install -y -qq "${missing[@]}"
  else
    echo "The tests need ${missing[*]} (Debian/Ubuntu packages): run 'sudo apt-get install -y ${missing[*]}', then run this again." >&2
    exit 1
  fi
fi
dotnet test Amends.slnx -c Release "$@"
