#!/usr/bin/env bash
# Installs what OrderStreams needs from the operating system. Idempotent: a second run only checks.
#   kcat, python3-avro, python3-confluent-kafka (+ python3-requests), nodejs/npm   independent peers for the interop tests
#   prometheus               promtool, to validate /metrics and the Prometheus config
#   chromium                 headless browser for the dashboard tests
set -euo pipefail

# node and npm count as present when on PATH from any source (NodeSource, nvm, the image).
packages=(kcat python3-avro python3-confluent-kafka python3-requests prometheus chromium nodejs npm)

missing=()
for package in "${packages[@]}"; do
  if [ "$package" = nodejs ] || [ "$package" = npm ]; then command -v "${package/nodejs/node}" >/dev/null 2>&1 && continue; fi
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup: this script installs packages with apt (Debian/Ubuntu). Install these yourself: ${missing[*]}" >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done" >&2
