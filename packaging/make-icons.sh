#!/usr/bin/env bash
# Regenerates the installer icons from the tray branch's PNGs (icons/png/app-*.png), after the app icon
# changes: packaging/windows/CaptiveWatch.ico (jpackage --icon on Windows) with ImageMagick, and
# packaging/macos/CaptiveWatch.icns (macOS) as PNG entries written directly (no Mac tools needed).
# Linux uses icons/png/app-256.png as is.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
png=$root/icons/png
convert "$png"/app-{16,32,48,64,128,256}.png "$root/packaging/windows/CaptiveWatch.ico"
python3 - "$png" "$root/packaging/macos/CaptiveWatch.icns" <<'PY'
import struct, sys
png, out = sys.argv[1], sys.argv[2]
body = b''
for kind, size in [(b'icp4', 16), (b'icp5', 32), (b'icp6', 64), (b'ic07', 128), (b'ic08', 256)]:
    data = open(f'{png}/app-{size}.png', 'rb').read()
    body += kind + struct.pack('>I', len(data) + 8) + data
open(out, 'wb').write(b'icns' + struct.pack('>I', len(body) + 8) + body)
PY
echo "make-icons: wrote packaging/windows/CaptiveWatch.ico and packaging/macos/CaptiveWatch.icns"
