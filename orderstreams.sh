#!/usr/bin/env bash
# The one entry point on a fresh machine: installs OS packages, builds, then
#   ./orderstreams.sh dev [options]   runs the whole pipeline on the embedded broker (orderstreams dev)
#   ./orderstreams.sh test            runs every test of the solution and prints "N passed, N failed"
#   ./orderstreams.sh <command> ...   runs any other orderstreams CLI command
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash scripts/setup.sh

case "${1:-}" in
  test)
    shift
    exec bash scripts/test.sh "$@"
    ;;
  "")
    echo "usage: ./orderstreams.sh dev|test|<orderstreams command> [options]" >&2
    exit 64
    ;;
  dev|bench|chaos|trace)
    # These start the services from their own build output.
    for project in src/OrderStreams.Cli services/*/; do
      dotnet build "$project" -c Release -v quiet -nologo -clp:ErrorsOnly >&2
    done
    # `bench runtime --peer streamiz` starts Streamiz from its own build output.
    if [ "$1" = bench ]; then
      dotnet build bench/OrderStreams.Bench.Streamiz -c Release -v quiet -nologo -clp:ErrorsOnly >&2
    fi
    exec dotnet src/OrderStreams.Cli/bin/Release/net10.0/orderstreams.dll "$@"
    ;;
  *)
    dotnet build src/OrderStreams.Cli -c Release -v quiet -nologo -clp:ErrorsOnly >&2
    exec dotnet src/OrderStreams.Cli/bin/Release/net10.0/orderstreams.dll "$@"
    ;;
esac
