#!/usr/bin/env bash
# Profiles the whole machine (every process: services, bench, embedded broker, kernel) while `bench pipeline` runs:
#   scripts/profile-machine.sh [seconds] [phase] [bench pipeline options...]
# Attaches perf to all CPUs (499 Hz) for [seconds] (default 12) once the bench reaches [phase] (default "capacity
# over"; "half capacity", "latency at 50", "raw hops: latency at half" also work) and prints where the machine's time
# went: by process, by library (kernel, librdkafka, RocksDB, the .NET runtime, JIT-compiled code) and the top
# functions. .NET frames resolve through perf maps (inherited by the services). Needs perf
# (apt: linux-perf); the data stays in .state/profile.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-12}"
phase="${2:-capacity over}"
shift $(( $# < 2 ? $# : 2 ))
out=.state/profile
mkdir -p "$out"
rm -f "$out"/machine.*
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }

# Perf maps name the JIT-compiled frames; with W^X on, the code lives in a double mapping perf cannot resolve.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
. scripts/bench-phase.sh
start_bench_until "$phase" "$out/machine.bench.log" "$out/machine.bench.txt" --json "$out/machine.bench.json" "$@"
sleep 3
perf record -F 499 -a -g -o "$out/machine.perf.data" -- sleep "$seconds" >/dev/null 2>&1
wait "$bench"
cat "$out/machine.bench.txt"
perf report -i "$out/machine.perf.data" --no-children --stdio -g none --sort comm,dso,symbol 2>/dev/null | grep "%" >"$out/machine.frames.txt" || true
report() { perf report -i "$out/machine.perf.data" --no-children --stdio -g none --sort "$1" 2>/dev/null | grep "%" | head -"$2" || true; }
echo "== by thread (share of all samples, idle included)"
report comm 12
echo "== by library"
report dso 12
echo "== top functions"
report dso,symbol 30 | cut -c1-150
echo "== by kind of thread"
python3 scripts/machine-shares.py "$out/machine.frames.txt"
