#!/usr/bin/env bash
# Profiles the four services while `bench pipeline` feeds them as fast as they take orders:
#   scripts/profile-pipeline.sh [seconds] [orders] [phase]
# Attaches dotnet-trace (thread-time sampling: every managed thread's stack, ~100 Hz) to every service process for
# [seconds] (default 20) once the bench reaches [phase] (default "services: capacity"; "half capacity" profiles the
# second latency run), and prints where each service's stream thread spends its time (scripts/top-frames.py). The traces (.nettrace, and .speedscope.json
# flame graphs for https://www.speedscope.app) stay in .state/profile.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
orders="${2:-60000}"
phase="${3:-services: capacity}"
out=.state/profile
tools=.state/tools
mkdir -p "$out" "$tools"
[ -x "$tools/dotnet-trace" ] || dotnet tool install dotnet-trace --tool-path "$tools" --version 10.0.750501 >/dev/null
rm -f "$out"/*

. scripts/bench-phase.sh
start_bench_until "$phase" "$out/bench.log" "$out/bench.txt" --orders "$orders" --json "$out/bench.json"
sleep 3
for service in PaymentCompletion BranchAssignment DriverAssignment Denormaliser; do
  pid=$(pgrep -f "OrderStreams.$service.dll" | head -1)
  "$tools/dotnet-trace" collect -p "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$seconds" -o "$out/$service.nettrace" >/dev/null &
done
wait "$bench"
wait
cat "$out/bench.txt"
for service in PaymentCompletion BranchAssignment DriverAssignment Denormaliser; do
  echo "== $service"
  "$tools/dotnet-trace" convert "$out/$service.nettrace" --format Speedscope -o "$out/$service" >/dev/null
  python3 scripts/top-frames.py "$out/$service.speedscope.json" "Engine.StreamThread.Run(" 40
done
