#!/usr/bin/env bash
# Runs Amends locally on its embedded defaults: the standalone server on http://localhost:7071,
# over Azurite (installed from npm into this repo and started here, data kept in .amends/azurite)
# unless Amends__Storage__ConnectionString is already set, with emails written to .amends/outbox.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${Amends__Storage__ConnectionString:-}" ]; then
  [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
  mkdir -p .amends/azurite
  node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --location .amends/azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort 10000 --queuePort 10001 --tablePort 10002 >.amends/azurite.log 2>&1 &
  azurite_pid=$!
  # Ctrl-C reaches the server directly (same process group) and it stops in a moment; Azurite, started in
  # the background, ignores SIGINT, so it is stopped here once the server is gone. On SIGTERM it closes its
  # three services (saving its data) but its process can linger for minutes: once they are closed, it is ended.
  stop_azurite() {
    kill "$azurite_pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do
      kill -0 "$azurite_pid" 2>/dev/null || return 0
      [ "$(grep -c 'successfully closed' .amends/azurite.log)" -ge 3 ] && break
      sleep 0.1
    done
    kill -KILL "$azurite_pid" 2>/dev/null || true
  }
  trap stop_azurite EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  for _ in $(seq 1 50); do
    (echo >/dev/tcp/127.0.0.1/10002) 2>/dev/null && break
    sleep 0.2
  done
  export Amends__Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;"
fi

dotnet run --project src/Amends.Server -c Release -- "$@"
