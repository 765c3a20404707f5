#!/usr/bin/env bash
# The service images' HEALTHCHECK (they have no curl): GET /healthz on the port of Urls, healthy on HTTP 200.
set -euo pipefail
port="${Urls##*:}"
port="${port%%/*}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 5 status <&3
[[ "$status" == "HTTP/1.1 200 "* ]]
