#!/usr/bin/env bash
# Checks that the Function App that infra/ deploys gets every app setting the app reads.
#
#   bash infra/check-settings.sh [path/to/local.settings.sample.json]
#
# The sample's "Values" list every setting the app reads (names with __ are nested config keys).
# Each must be an app setting of the Function App in the compiled Bicep, except the local-only keys
# of LOCAL_ONLY below, which must NOT be set in Azure. Conversely, every app setting in the Bicep
# must be in the sample or in AZURE_ONLY, so a setting the app stopped reading (or a misspelt one)
# does not linger. Exits 1 on any mismatch.
#
# Needs: dotnet (restores the Bicep CLI once, see tools/bicep.sh) and python3. Offline after that.
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$infra/.." && pwd)"

sample="${1:-}"
if [[ -z "$sample" ]]; then
  for candidate in "$root/local.settings.sample.json" "$root/functions/local.settings.sample.json"; do
    if [[ -f "$candidate" ]]; then sample="$candidate"; break; fi
  done
fi
if [[ -z "$sample" || ! -f "$sample" ]]; then
  echo "check-settings.sh: no local.settings.sample.json found (looked in $root and $root/functions)" >&2
  exit 1
fi

export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}"
bicep="$(bash "$infra/tools/bicep.sh")"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! "$bicep" build "$infra/main.bicep" --no-restore --outfile "$work/main.json" 2>"$work/build.err"; then
  cat "$work/build.err" >&2
  echo "check-settings.sh: bicep build of infra/main.bicep failed (run infra/lint.sh)" >&2
  exit 1
fi

python3 - "$work/main.json" "$sample" <<'PY'
import json, sys

# Keys of local.settings.sample.json that are deliberately NOT app settings in Azure.
LOCAL_ONLY = {
    # Azure uses the identity-based AzureWebJobsStorage__accountName/__credential/__clientId instead of a connection string.
    "AzureWebJobsStorage": "identity-based AzureWebJobsStorage__* settings replace the connection string",
    # Flex Consumption takes the worker runtime from functionAppConfig.runtime and rejects this app setting.
    "FUNCTIONS_WORKER_RUNTIME": "Flex Consumption sets it in functionAppConfig.runtime, not as an app setting",
    # The app uses Amends__Storage__AccountName + ClientId (managed identity) in Azure; shared keys are disabled.
    "Amends__Storage__ConnectionString": "local alternative to AccountName + ClientId; shared keys are disabled in Azure",
    # The outbox folder is the local stand-in for SendGrid; in Azure mail goes out through SendGrid.
    "Amends__Email__OutboxPath": "local stand-in for SendGrid; Azure sends through SendGrid",
}

# App settings that only Azure needs, so the sample does not list them.
AZURE_ONLY = {
    "AzureWebJobsStorage__accountName",
    "AzureWebJobsStorage__credential",
    "AzureWebJobsStorage__clientId",
    "APPLICATIONINSIGHTS_CONNECTION_STRING",
}

template_path, sample_path = sys.argv[1], sys.argv[2]
template = json.load(open(template_path, encoding="utf-8"))
sample = json.load(open(sample_path, encoding="utf-8"))["Values"]

def resources(node):
    """Every resource in the template, including those of nested (module) deployments."""
    if isinstance(node, dict):
        if "type" in node and "apiVersion" in node:
            yield node
        for value in node.values():
            yield from resources(value)
    elif isinstance(node, list):
        for value in node:
            yield from resources(value)

settings, sites, problems = set(), 0, []
for r in resources(template):
    rtype = r["type"].lower() if isinstance(r.get("type"), str) else ""
    if rtype == "microsoft.web/sites" and "functionapp" in str(r.get("kind", "")):
        sites += 1
        for entry in (r.get("properties", {}).get("siteConfig", {}) or {}).get("appSettings", []) or []:
            settings.add(entry.get("name"))
    elif rtype == "microsoft.web/sites/config" and "appsettings" in str(r.get("name", "")).lower():
        props = r.get("properties", {})
        if not isinstance(props, dict):
            problems.append("the appsettings resource's properties are one expression; write them as an object literal so they can be checked")
            continue
        settings.update(props.keys())

if sites != 1:
    problems.append(f"expected exactly one Function App in the compiled Bicep, found {sites}")
for name in sorted(n for n in settings if not isinstance(n, str) or n.startswith("[")):
    problems.append(f"app setting name {name!r} is an expression; setting names must be literal to be checked")
if not settings:
    problems.append("found no app settings in the compiled Bicep")

for key in sample:
    if key in LOCAL_ONLY:
        if key in settings:
            problems.append(f"{key} is local-only ({LOCAL_ONLY[key]}) but the Bicep sets it")
    elif key not in settings:
        problems.append(f"{key} is read by the app (local.settings.sample.json) but not set by the Bicep app settings")

for name in sorted(n for n in settings if isinstance(n, str) and not n.startswith("[")):
    if name not in sample and name not in AZURE_ONLY:
        problems.append(f"{name} is set by the Bicep but is neither in local.settings.sample.json nor a known Azure-only setting")

stale = sorted(k for k in LOCAL_ONLY if k not in sample)
if stale:
    print("note: allow-listed local-only keys no longer in the sample: " + ", ".join(stale))

checked = sum(1 for k in sample if k not in LOCAL_ONLY)
if problems:
    for p in problems:
        print("FAIL " + p)
    print(f"check-settings.sh: FAILED ({len(problems)} problem(s))")
    sys.exit(1)
print(f"ok   all {checked} app settings of {sample_path} are set by infra/ "
      f"({len(LOCAL_ONLY)} local-only keys left out; {len(settings)} settings in the Bicep)")
PY
