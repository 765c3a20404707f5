#!/usr/bin/env bash
# Builds the solution and runs every test project; ends with one line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
results=.artifacts/test-results
rm -rf "$results"
dotnet build OrderStreams.sln -c Release -v quiet -nologo -clp:ErrorsOnly
status=0
dotnet test OrderStreams.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || status=$?
python3 scripts/summarise-trx.py "$results"
exit $status
