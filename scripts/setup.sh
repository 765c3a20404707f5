#!/usr/bin/env bash
# Installs what OrderStreams needs from the operating system. Idempotent: a second run only checks.
#   librocksdb               native state store (loaded by soname at run time); librdkafka comes with Confluent.Kafka
#   kcat, python3-avro, python3-confluent-kafka (+ python3-requests), nodejs/npm   independent peers for the interop tests
#   prometheus               promtool, to validate /metrics and the Prometheus config
#   chromium                 headless browser for the dashboard tests
set -euo pipefail

# node and npm count as present when on PATH from any source (NodeSource, nvm, the image).
packages=(kcat python3-avro python3-confluent-kafka python3-requests prometheus chromium nodejs npm)

rocksdb_package() {
  # The RocksDB runtime package is versioned in its name (librocksdb7.8 on bookworm, librocksdb9.10 on trixie, ...).
  apt-cache search --names-only '^librocksdb[0-9.]+$' | awk '{print $1}' | sort -V | tail -n 1
}

missing=()
for package in "${packages[@]}"; do
  if [ "$package" = nodejs ] || [ "$package" = npm ]; then command -v "${package/nodejs/node}" >/dev/null 2>&1 && continue; fi
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ! compgen -G "/usr/lib/*/librocksdb.so.*" >/dev/null && ! compgen -G "/usr/lib/librocksdb.so.*" >/dev/null; then
  missing+=(ROCKSDB)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: this script installs packages with apt (Debian/Ubuntu). Install these yourself: ${missing[*]/ROCKSDB/rocksdb}" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
resolved=()
for package in "${missing[@]}"; do
  if [ "$package" = ROCKSDB ]; then
    package=$(rocksdb_package)
    [ -n "$package" ] || { echo "setup: no librocksdb package found in apt" >&2; exit 1; }
  fi
  resolved+=("$package")
done
$sudo apt-get install -y -qq --no-install-recommends "${resolved[@]}" >/dev/null
echo "setup: done" >&2
