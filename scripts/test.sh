#!/usr/bin/env bash
# Runs every test. Needs the .NET SDK, Node.js and npm, and Chromium for the browser tests (installed here when root or sudo can): Azurite comes from npm into node_modules,
# and the test fixtures start it themselves (in memory, on free ports).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error

# The browser tests drive Debian's Chromium (Playwright's own browser download cannot be used).
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium
  else
    echo "The browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install -y chromium' (Debian/Ubuntu), then run this again." >&2
    exit 1
  fi
fi
dotnet test Amends.slnx -c Release "$@"
