#!/usr/bin/env bash
# net_af_packet on a veth (drivers-config/af-packet-veth.ini): fsctp-fp
# runs inside one namespace on fsctpveth0, the kernel inside another on
# fsctpveth1 pings 198.18.1.1 and 2001:db8:1::1 and resolves fsctp's MAC
# by ARP and ND. Both namespaces are removed on every exit path.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-fp/fsctp-fp
nsa=fsctp-afa-$$
nsb=fsctp-afb-$$
log=$(mktemp /tmp/fsctp-afp-log.XXXXXX)
pid=
names="afp-ping4 afp-arp afp-ping6 afp-nd afp-sigint-shutdown"
skip_all() {
	for n in $names; do echo "SKIP $n: $1"; done
	rm -f "$log"
	exit 0
}
[ -x "$bin" ] || skip_all "fsctp-fp not built in $build"
[ "$(id -u)" = 0 ] || skip_all "needs root for network namespaces"
command -v ping >/dev/null || skip_all "ping (iputils-ping) not installed"
ip netns add "$nsa" 2>/dev/null || skip_all "cannot create a network namespace"
cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	ip netns del "$nsa" 2>/dev/null
	ip netns del "$nsb" 2>/dev/null
	rm -f "$log"
}
trap cleanup EXIT
ip netns add "$nsb" || skip_all "cannot create a second network namespace"
ip -n "$nsa" link add fsctpveth0 type veth peer name fsctpveth1 netns "$nsb"
ip -n "$nsa" link set fsctpveth0 up
ip -n "$nsb" link set lo up
ip -n "$nsb" addr add 198.18.1.2/24 dev fsctpveth1
ip -n "$nsb" addr add 2001:db8:1::2/64 dev fsctpveth1 nodad
ip -n "$nsb" link set fsctpveth1 up
mac=$(ip -n "$nsa" -o link show fsctpveth0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')

ip netns exec "$nsa" "$bin" -p "$top/drivers-config/af-packet-veth.ini" \
	--seconds 30 --eal "--file-prefix=fsctp-afp-$$" >"$log" 2>&1 &
pid=$!
for _ in $(seq 1 50); do
	grep -q running "$log" && break
	sleep 0.2
done
result() { if [ "$2" -eq 0 ]; then echo "PASS $1"; else echo "FAIL $1"; fi; }

ip netns exec "$nsb" ping -c 3 -i 0.2 -W 2 198.18.1.1 >&2
result afp-ping4 $?
ip -n "$nsb" neigh show 198.18.1.1 dev fsctpveth1 | grep -qi "lladdr $mac"
result afp-arp $?
ip netns exec "$nsb" ping -6 -c 3 -i 0.2 -W 2 2001:db8:1::1 >&2
result afp-ping6 $?
ip -n "$nsb" -6 neigh show 2001:db8:1::1 dev fsctpveth1 | grep -qi "lladdr $mac"
result afp-nd $?
kill -INT "$pid"
wait "$pid"
rc=$?
pid=
cat "$log" >&2
[ "$rc" -eq 0 ] && grep -q "fsctp-fp: stopped" "$log"
result afp-sigint-shutdown $?
exit 0
