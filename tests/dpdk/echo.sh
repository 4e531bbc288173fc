#!/usr/bin/env bash
# fsctp-echo end to end: the README's quick example (M3UA ASP Up -> ASP Up
# Ack) in one process over net_ring, the same between two processes over
# net_memif, and the echo server against the echo client (verified bytes,
# several streams, a message larger than the path MTU); --addr without a
# prefix length still answers its subnet (/24, with a warning); --help.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh). FSCTP_BUILD names
# the build directory.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-echo/fsctp-echo
names="echo-demo-ring echo-m3ua-memif echo-server-client-memif
echo-addr-no-prefix echo-help"
if [ ! -x "$bin" ]; then
	for n in $names; do echo "SKIP $n: fsctp-echo not built in $build"; done
	exit 0
fi
cfg=$top/drivers-config
sock=$(sed -n 's/.*socket=\([^,]*\),.*/\1/p' "$cfg/memif-server.ini")
log=$(mktemp /tmp/fsctp-echo.XXXXXX)
slog=$(mktemp /tmp/fsctp-echo-s.XXXXXX)
spid=
cleanup() {
	[ -n "$spid" ] && kill -KILL "$spid" 2>/dev/null
	rm -f "$log" "$slog" "$sock"
}
trap cleanup EXIT

# 1. One process, two stacks on the two ends of a ring pair.
timeout 30 "$bin" demo -p "$cfg/ring-pair.ini" --timeout 10 >"$log" 2>&1
rc=$?
cat "$log" >&2
if [ "$rc" -eq 0 ] &&
	grep -q "server: received 010003010000001000110008000003ea" "$log" &&
	grep -q "client: received 010003040000001000110008000003ea" "$log"; then
	echo "PASS echo-demo-ring"
else
	echo "FAIL echo-demo-ring"
fi

start_server() { # mode args...
	rm -f "$sock"
	: >"$slog" # the last server's "listening" must not count
	"$bin" "$@" -p "$cfg/memif-server.ini" >"$slog" 2>&1 &
	spid=$!
	for _ in $(seq 1 50); do
		grep -q "listening\|echoing" "$slog" && break
		sleep 0.2
	done
}
stop_server() {
	kill -INT "$spid" 2>/dev/null
	# A server that ignores SIGINT fails its case, never hangs the run.
	for _ in $(seq 1 100); do
		kill -0 "$spid" 2>/dev/null || break
		sleep 0.2
	done
	if kill -0 "$spid" 2>/dev/null; then
		echo "server still running 20 s after SIGINT: killed" >&2
		kill -KILL "$spid" 2>/dev/null
	fi
	wait "$spid"
	src=$?
	spid=
	cat "$slog" >&2
}

# 2. Two processes over net_memif.
start_server m3ua-server --listen 2905
timeout 30 "$bin" m3ua-client -p "$cfg/memif-client.ini" \
	--connect 198.18.2.1:2905 --timeout 10 >"$log" 2>&1
rc=$?
stop_server
cat "$log" >&2
if [ "$rc" -eq 0 ] && [ "$src" -eq 0 ] &&
	grep -q "client: received 010003040000001000110008000003ea" "$log"; then
	echo "PASS echo-m3ua-memif"
else
	echo "FAIL echo-m3ua-memif"
fi

# 3. Echo server and client, 200 messages of 3000 bytes on 3 streams.
start_server server --listen 7
timeout 60 "$bin" client -p "$cfg/memif-client.ini" \
	--connect 198.18.2.1:7 --count 200 --size 3000 --streams 3 \
	--timeout 30 >"$log" 2>&1
rc=$?
stop_server
cat "$log" >&2
if [ "$rc" -eq 0 ] && [ "$src" -eq 0 ] &&
	grep -q "^sent 200 msgs 600000 bytes, received 200 msgs 600000 bytes, ok" "$log" &&
	grep -q "echoed 200 msgs 600000 bytes" "$slog"; then
	echo "PASS echo-server-client-memif"
else
	echo "FAIL echo-server-client-memif"
fi

# 4. --addr without a prefix length: /24 and a warning, not a /32 that
# leaves the client off-link and unanswered.
start_server server --listen 7 --addr 198.18.2.1
timeout 60 "$bin" client -p "$cfg/memif-client.ini" \
	--connect 198.18.2.1:7 --count 3 --size 100 --timeout 10 >"$log" 2>&1
rc=$?
stop_server
cat "$log" >&2
if [ "$rc" -eq 0 ] && [ "$src" -eq 0 ] &&
	grep -q "^sent 3 msgs 300 bytes, received 3 msgs 300 bytes, ok" "$log" &&
	grep -q "198.18.2.1 has no prefix length, using /24" "$slog"; then
	echo "PASS echo-addr-no-prefix"
else
	echo "FAIL echo-addr-no-prefix"
fi

# 5. --help is no mode: usage on stdout, exit 0, no EAL started.
out=$("$bin" --help 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -q "^usage: fsctp-echo" &&
	! printf '%s\n' "$out" | grep -q "EAL"; then
	echo "PASS echo-help"
else
	echo "FAIL echo-help: exit $rc"
fi
exit 0
