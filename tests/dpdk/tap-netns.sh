#!/usr/bin/env bash
# The kernel pings fsctp and resolves its ARP and ND over net_tap: the test
# starts fsctp-fp with drivers-config/tap-netns.ini, moves the TAP interface
# into a network namespace it creates, pings 198.18.0.1 and 2001:db8::1 from
# there, checks the kernel's neighbour entries carry fsctp's MAC, then stops
# fsctp-fp with SIGINT. The namespace is removed on every exit path.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-fp/fsctp-fp
ns=fsctp-tap-$$
tap=fsctptap0
mac=02:f5:00:00:01:01
log=$(mktemp /tmp/fsctp-tap-log.XXXXXX)
pid=

names="tap-ping4 tap-arp tap-ping6 tap-nd tap-sigint-shutdown"
skip_all() {
	for n in $names; do echo "SKIP $n: $1"; done
	exit 0
}

[ -x "$bin" ] || skip_all "fsctp-fp not built in $build"
[ "$(id -u)" = 0 ] || skip_all "needs root for a network namespace"
command -v ping >/dev/null || skip_all "ping (iputils-ping) not installed"
ip netns add "$ns" 2>/dev/null || skip_all "cannot create a network namespace"

cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	ip link del "$tap" 2>/dev/null
	rm -f "$log"
}
trap cleanup EXIT

"$bin" -p "$top/drivers-config/tap-netns.ini" --seconds 30 \
	--eal "--file-prefix=fsctp-tap-$$" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do
	ip link show "$tap" >/dev/null 2>&1 && grep -q running "$log" && break
	sleep 0.2
done
if ! ip link show "$tap" >/dev/null 2>&1; then
	cat "$log" >&2
	for n in $names; do echo "FAIL $n"; done
	exit 0
fi
ip link set "$tap" netns "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" addr add 198.18.0.2/24 dev "$tap"
ip -n "$ns" addr add 2001:db8::2/64 dev "$tap" nodad
ip -n "$ns" link set "$tap" up

result() { # name, status
	if [ "$2" -eq 0 ]; then echo "PASS $1"; else echo "FAIL $1"; fi
}

ip netns exec "$ns" ping -c 3 -i 0.2 -W 2 198.18.0.1 >&2
result tap-ping4 $?
ip -n "$ns" neigh show 198.18.0.1 dev "$tap" | grep -qi "lladdr $mac"
result tap-arp $?
ip netns exec "$ns" ping -6 -c 3 -i 0.2 -W 2 2001:db8::1 >&2
result tap-ping6 $?
ip -n "$ns" -6 neigh show 2001:db8::1 dev "$tap" | grep -qi "lladdr $mac"
result tap-nd $?

kill -INT "$pid"
wait "$pid"
rc=$?
pid=
cat "$log" >&2
[ "$rc" -eq 0 ] && grep -q "fsctp-fp: stopped" "$log"
result tap-sigint-shutdown $?
exit 0
