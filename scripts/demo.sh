#!/usr/bin/env bash
# The README's run command: set up, build, and run the main demo on virtual
# ports (no NIC, no hugepages): the quick example of the Node.js `sctp`
# module in C (app/fsctp-echo). Two fsctp stacks in one process, joined by
# an in-process ring pair (drivers-config/ring-pair.ini): a server listens
# on 2905, a client connects with PPID M3UA and sends ASP Up, the server
# answers ASP Up Ack, the client prints it and ends the association.
# Exits 0 on success, non-zero on failure or after a timeout.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
[ "${FSCTP_SKIP_BOOTSTRAP:-0}" = 1 ] || bash scripts/bootstrap.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
exec timeout 60 ./build/app/fsctp-echo/fsctp-echo demo \
	-p drivers-config/ring-pair.ini --timeout 20 \
	--eal --file-prefix=fsctp-demo-$$ --eal --log-level=lib.eal:warning \
	--eal --log-level=fsctp.fastpath:warning "$@"
