#!/usr/bin/env bash
# Two fsctp-fp processes joined by net_memif (drivers-config/memif-server.ini
# and memif-client.ini, a socket in the file system): the client connects
# to the server, the association comes up on both sides, and the client's
# timed stop shuts it down gracefully. No root needed.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-fp/fsctp-fp
names="memif-handshake-client memif-handshake-server memif-shutdown"
if [ ! -x "$bin" ]; then
	for n in $names; do echo "SKIP $n: fsctp-fp not built in $build"; done
	exit 0
fi
sock=$(sed -n 's/.*socket=\([^,]*\),.*/\1/p' "$top/drivers-config/memif-server.ini")
slog=$(mktemp /tmp/fsctp-memif-s.XXXXXX)
clog=$(mktemp /tmp/fsctp-memif-c.XXXXXX)
spid=
cleanup() {
	[ -n "$spid" ] && kill -KILL "$spid" 2>/dev/null
	rm -f "$slog" "$clog" "$sock"
}
trap cleanup EXIT
rm -f "$sock"

"$bin" -p "$top/drivers-config/memif-server.ini" --seconds 12 >"$slog" 2>&1 &
spid=$!
for _ in $(seq 1 50); do
	grep -q running "$slog" && break
	sleep 0.2
done
timeout 30 "$bin" -p "$top/drivers-config/memif-client.ini" --seconds 5 \
	--connect 198.18.2.2:5000,198.18.2.1:36412 >"$clog" 2>&1
crc=$?
kill -INT "$spid" 2>/dev/null
wait "$spid"
src=$?
spid=
cat "$clog" "$slog" >&2

if [ "$crc" -eq 0 ] && grep -q "comm_up 1" "$clog"; then
	echo "PASS memif-handshake-client"
else
	echo "FAIL memif-handshake-client"
fi
if [ "$src" -eq 0 ] && grep -q "comm_up 1" "$slog"; then
	echo "PASS memif-handshake-server"
else
	echo "FAIL memif-handshake-server"
fi
# The client's stop sent SHUTDOWN: both sides saw the association end.
if grep -q "comm_down 1" "$clog" && grep -q "comm_down 1" "$slog"; then
	echo "PASS memif-shutdown"
else
	echo "FAIL memif-shutdown"
fi
exit 0
