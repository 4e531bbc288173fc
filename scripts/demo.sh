#!/usr/bin/env bash
# The README's run command: set up, build, and run the main demo on virtual
# ports (no NIC needed).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
[ "${FSCTP_SKIP_BOOTSTRAP:-0}" = 1 ] || bash scripts/bootstrap.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
exec ./build/app/fsctp-demo/fsctp-demo --no-huge -m 256 --no-pci \
	--file-prefix=fsctp-demo-$$ --log-level=lib.eal:warning "$@"
