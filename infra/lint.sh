#!/usr/bin/env bash
# Builds and lints the Bicep in infra/, offline, and fails on any diagnostic at all
# (error, warning or info), since `bicep lint` itself exits non-zero only on errors.
#
#   bash infra/lint.sh          (from the repository root, or from anywhere)
#
# Needs: dotnet (to restore the Bicep CLI from NuGet once, see tools/bicep.sh) and python3.
# Rule levels live in infra/bicepconfig.json. Only local modules are used, and build/lint run
# with --no-restore, so Bicep never reaches for a module registry.
set -euo pipefail

infra="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$infra"

# The Bicep CLI is a .NET single-file app; on machines without ICU it needs invariant globalization.
export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="${DOTNET_SYSTEM_GLOBALIZATION_INVARIANT:-1}"

bicep="$(bash "$infra/tools/bicep.sh")"
echo "lint.sh: $("$bicep" --version)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failed=0

# Prints the diagnostics of SARIF output (one or more concatenated SARIF documents) as
# file(line,col) level rule: message, and exits 1 if there is any diagnostic or the output is not SARIF.
report() {
  python3 - "$1" "$infra" <<'PY'
import json, sys
from urllib.parse import unquote, urlparse
sarif_path, infra = sys.argv[1], sys.argv[2]
text = open(sarif_path, encoding="utf-8").read()
decoder, pos, results = json.JSONDecoder(), 0, []
try:
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos == len(text):
            break
        doc, pos = decoder.raw_decode(text, pos)
        results += [r for run in doc.get("runs", []) for r in run.get("results", [])]
except ValueError:
    print("  (bicep printed something other than SARIF)")
    print(text)
    sys.exit(1)
for r in results:
    loc = (r.get("locations") or [{}])[0].get("physicalLocation", {})
    path = unquote(urlparse(loc.get("artifactLocation", {}).get("uri", "")).path)
    if path.startswith(infra + "/"):
        path = "infra/" + path[len(infra) + 1:]
    region = loc.get("region", {})
    level = r.get("level", "warning")  # SARIF's default level is warning
    print(f"  {path}({region.get('startLine', '?')},{region.get('charOffset', '?')}) {level} "
          f"{r.get('ruleId', '?')}: {r.get('message', {}).get('text', '')}")
sys.exit(1 if results else 0)
PY
}

# 1. Build main.bicep (and through it every module) to an ARM template in a temp folder.
#    `bicep build` writes its SARIF to stderr.
build_rc=0
"$bicep" build main.bicep --no-restore --outfile "$work/main.json" --diagnostics-format sarif \
  >"$work/build.out" 2>"$work/build.sarif" || build_rc=$?
if report "$work/build.sarif" >"$work/build.txt" && [[ $build_rc -eq 0 && -s "$work/main.json" && ! -s "$work/build.out" ]]; then
  echo "ok   bicep build infra/main.bicep"
else
  echo "FAIL bicep build infra/main.bicep (exit $build_rc)"
  cat "$work/build.txt" "$work/build.out"
  failed=1
fi

# 2. Lint every .bicep file under infra/ (one process; `bicep lint` writes one SARIF document per file to stdout).
mapfile -t files < <(find . -name '*.bicep' | sed 's|^\./||' | LC_ALL=C sort)
lint_rc=0
"$bicep" lint --pattern '**/*.bicep' --no-restore --diagnostics-format sarif \
  >"$work/lint.sarif" 2>"$work/lint.err" || lint_rc=$?
if report "$work/lint.sarif" >"$work/lint.txt" && [[ $lint_rc -eq 0 && ! -s "$work/lint.err" ]]; then
  printf 'ok   bicep lint infra/%s\n' "${files[@]}"
else
  echo "FAIL bicep lint (exit $lint_rc) of: ${files[*]}"
  cat "$work/lint.txt" "$work/lint.err"
  failed=1
fi

# 3. main.parameters.json must name only parameters that main.bicep declares, and give every
#    parameter without a default (azd maps them to azd environment variables or prompts).
if [[ -s "$work/main.json" ]]; then
  if python3 - "$work/main.json" main.parameters.json <<'PY'
import json, sys
template = json.load(open(sys.argv[1], encoding="utf-8"))
supplied = json.load(open(sys.argv[2], encoding="utf-8"))["parameters"]
declared = template["parameters"]
problems = [f"main.parameters.json sets '{n}', which main.bicep does not declare" for n in supplied if n not in declared]
problems += [f"main.bicep parameter '{n}' has no default and is missing from main.parameters.json"
             for n, d in declared.items() if "defaultValue" not in d and n not in supplied]
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
PY
  then
    echo "ok   infra/main.parameters.json matches main.bicep"
  else
    echo "FAIL infra/main.parameters.json"
    failed=1
  fi
fi

if [[ $failed -ne 0 ]]; then
  echo "lint.sh: FAILED"
  exit 1
fi
echo "lint.sh: all Bicep builds and lints with no diagnostics"
