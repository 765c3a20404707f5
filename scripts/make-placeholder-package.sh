#!/usr/bin/env bash
# Rebuilds the empty librdkafka.redist package from its nuspec (see build/nuget-placeholders/README.md).
set -euo pipefail
cd "$(dirname "$0")/../build/nuget-placeholders"
python3 - <<'PY'
import zipfile
content_types = ('<?xml version="1.0" encoding="utf-8"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="nuspec" ContentType="application/octet"/></Types>')
with zipfile.ZipFile("librdkafka.redist.1.9.2.nupkg", "w") as package:
    package.write("librdkafka.redist.nuspec", "librdkafka.redist.nuspec")
    package.writestr("[Content_Types].xml", content_types)
PY
