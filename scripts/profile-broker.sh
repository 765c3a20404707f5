#!/usr/bin/env bash
# Profiles the embedded broker (librdkafka's mock cluster, one thread named rdk:mock in the bench process) while
# `bench pipeline` runs:
#   scripts/profile-broker.sh [seconds] [phase]
# Attaches perf (native stacks, 499 Hz) to the bench process for [seconds] (default 12) once the bench reaches
# [phase] (default "half capacity"; "latency at 50" profiles the first latency run) and prints the busiest threads of
# the process and the mock thread's top functions. Needs perf (apt: linux-perf); the data stays in .state/profile.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-12}"
phase="${2:-half capacity}"
out=.state/profile
mkdir -p "$out"
rm -f "$out"/broker.*
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }

. scripts/bench-phase.sh
start_bench_until "$phase" "$out/broker.bench.log" "$out/broker.bench.txt" --json "$out/broker.bench.json"
sleep 3
pid=$(pgrep -f "orderstreams.dll bench pipeline" | head -1)
perf record -F 499 -g -p "$pid" -o "$out/broker.perf.data" -- sleep "$seconds" >/dev/null 2>&1
wait "$bench"
cat "$out/broker.bench.txt"
echo "== threads of the bench process (share of its samples)"
perf report -i "$out/broker.perf.data" --no-children --sort comm --stdio -g none 2>/dev/null | grep "%" | head -8
echo "== the mock broker thread (rdk:mock): top functions"
perf report -i "$out/broker.perf.data" --comm rdk:mock --no-children --sort symbol --stdio -g none 2>/dev/null | grep "%" | head -12
