#!/usr/bin/env bash
# Runs every test. Needs only the .NET SDK, Node.js and npm: Azurite comes from npm into node_modules,
# and the test fixtures start it themselves (in memory, on free ports).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet test Amends.slnx -c Release "$@"
