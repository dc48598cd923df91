#!/usr/bin/env bash
# Prints the path of a ready-to-run Bicep CLI, restoring it first if needed.
#
# The CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a self-contained
# executable in its tools/ folder), restored by a plain `dotnet restore` of bicep-cli.proj into
# the NuGet global packages folder. Restore output goes to stderr and its obj/ to a temp folder,
# so nothing lands in the work tree. Only the NuGet registry is contacted, and only when the
# package is not in the global packages folder yet.
set -euo pipefail

BICEP_PACKAGE_ID=azure.bicep.commandline.linux-x64
BICEP_VERSION=0.49.2 # keep in step with bicep-cli.proj

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) ;;
  *) echo "bicep.sh: only linux-x64 is wired up (this is $(uname -s)/$(uname -m))" >&2; exit 2 ;;
esac

obj="$(mktemp -d)"
trap 'rm -rf "$obj"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if ! dotnet restore "$here/bicep-cli.proj" --verbosity quiet -p:BaseIntermediateOutputPath="$obj/" >&2; then
  echo "bicep.sh: dotnet restore of $here/bicep-cli.proj failed" >&2
  exit 1
fi

# The global packages folder as NuGet resolved it (honours NUGET_PACKAGES and NuGet.Config).
packages="$(python3 -c 'import json,sys; print(next(iter(json.load(open(sys.argv[1]))["packageFolders"])))' "$obj/project.assets.json")"
bicep="${packages%/}/$BICEP_PACKAGE_ID/$BICEP_VERSION/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "bicep.sh: restore succeeded but $bicep is missing" >&2
  exit 1
fi
[[ -x "$bicep" ]] || chmod +x "$bicep"
echo "$bicep"
