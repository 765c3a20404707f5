# Sourced by the profiling scripts: start_bench_until <phase> <log> <stdout> [bench pipeline options...] starts
# `bench pipeline` in the background (its pid in $bench) and returns once its progress log shows <phase>; if the bench
# exits first, prints its log and exits.
start_bench_until() {
  local phase="$1" log="$2" stdout="$3"
  shift 3
  ./orderstreams.sh bench pipeline "$@" >"$stdout" 2>"$log" &
  bench=$!
  until grep -q "$phase" "$log" 2>/dev/null; do
    kill -0 "$bench" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 1
  done
}
