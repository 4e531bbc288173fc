#!/usr/bin/env bash
# Multi-homing on veths: one network namespace, two veth pairs (two
# subnets, 198.18.0.0/24 and 198.18.1.0/24), four net_af_packet ports in
# one process: two library-mode stacks, each with one end of each pair.
# One association over both paths; `ip link set down` cuts the first pair:
# the association goes on over the second with nothing lost, then the link
# comes back up and data returns to the primary
# (tests/unit/test_rt_multihome.cc). The namespace is removed on every
# exit path. Usage: bash tests/dpdk/multihome-veth.sh [BUILD_DIR]
# Prints PASS/FAIL/SKIP lines.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${FSCTP_BUILD:-build}}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/tests/unit/unit-runtime-multihome
ns=fsctp-mh-$$
prof=$(mktemp /tmp/fsctp-mh-prof.XXXXXX)
log=$(mktemp /tmp/fsctp-mh-log.XXXXXX)
name=mh-veth-failover
skip() {
	echo "SKIP $name: $1"
	rm -f "$prof" "$log"
	exit 0
}
[ -x "$bin" ] || skip "unit-runtime-multihome not built in $build"
[ "$(id -u)" = 0 ] || skip "needs root for network namespaces"
ip netns add "$ns" 2>/dev/null || skip "cannot create a network namespace"
cleanup() {
	ip netns del "$ns" 2>/dev/null
	rm -f "$prof" "$log"
}
trap cleanup EXIT
for i in 0 1; do
	ip -n "$ns" link add fsmh-a$i type veth peer name fsmh-b$i
	ip -n "$ns" link set fsmh-a$i up
	ip -n "$ns" link set fsmh-b$i up
done
port() { # index iface ipv4
	cat <<EOP
[port$1]
vdev = net_af_packet$1,iface=$2,blocksz=4096,framesz=2048,framecnt=512,qpairs=1
rx_desc = 256
tx_desc = 256
ipv4 = $3/24
offloads = none

EOP
}
{
	printf '[eal]\nargs = --no-huge -m 256 --no-pci --no-telemetry\n\n'
	printf '[lcores]\nfastpath = 0\nidle_sleep_us = 20\n\n'
	printf '[pools]\nmbufs = 8191\ncache = 128\n\n'
	# Same order as ring-2path.ini: a0, b0, a1, b1.
	port 0 fsmh-a0 198.18.0.1
	port 1 fsmh-b0 198.18.0.2
	port 2 fsmh-a1 198.18.1.1
	port 3 fsmh-b1 198.18.1.2
} >"$prof"
ip netns exec "$ns" env FSCTP_MH_PROFILE="$prof" \
	FSCTP_MH_CUT="ip link set fsmh-a0 down" \
	FSCTP_MH_RESTORE="ip link set fsmh-a0 up" \
	timeout 120 "$bin" >"$log" 2>&1
rc=$?
cat "$log" >&2
if [ "$rc" -eq 0 ] && grep -q "PASSED" "$log"; then
	echo "PASS $name ($(grep -o 'failover.*' "$log" | head -1))"
else
	echo "FAIL $name"
fi
exit 0
