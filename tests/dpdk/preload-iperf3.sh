#!/usr/bin/env bash
# iperf3 --sctp (Debian's iperf3 is built with SCTP: it links libsctp),
# unmodified on both ends, through libfsctp-preload.so (LD_PRELOAD).
# iperf3 runs its control connection over TCP to the same address as the
# SCTP test stream, so each namespace has two veth ends: fsctpveth0/1 for
# fsctp (net_af_packet, 198.18.1.1 and 198.18.1.2, no kernel address) and
# fsctpveth2/3 for the kernel's TCP, with the same addresses as /32 and
# a host route. Strict reverse-path filtering keeps the kernel from
# answering the SCTP packets it also sees on fsctpveth0/1.
# The capture (both fsctp ends merged) is checked by tshark.
# Prints PASS/FAIL/SKIP lines; namespaces are removed on every exit path.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${FSCTP_BUILD:-build}}
case $build in /*) ;; *) build=$top/$build ;; esac
lib=$build/lib/preload/libfsctp-preload.so
. "$top/tests/dpdk/lib/preload-env.sh"
nsa=fsctp-ipa-$$
nsb=fsctp-ipb-$$
work=$(mktemp -d /tmp/fsctp-preload-iperf.XXXXXX)
names="preload-iperf3-sctp preload-iperf3-wire"
pids=()
skip_all() {
	local n
	for n in $names; do echo "SKIP $n: $1"; done
	rm -rf "$work"
	exit 0
}
[ -f "$lib" ] || skip_all "libfsctp-preload.so not built in $build"
[ "$(id -u)" = 0 ] || skip_all "needs root for network namespaces"
command -v iperf3 >/dev/null || skip_all "iperf3 not installed"
ldd "$(command -v iperf3)" | grep -q libsctp ||
	skip_all "this iperf3 is built without SCTP"
command -v tshark >/dev/null && command -v tcpdump >/dev/null &&
	command -v mergecap >/dev/null ||
	skip_all "tshark, mergecap and tcpdump needed for the wire check"
ip netns add "$nsa" 2>/dev/null || skip_all "cannot create a network namespace"
cleanup() {
	local p
	for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	ip netns del "$nsa" 2>/dev/null
	ip netns del "$nsb" 2>/dev/null
	rm -rf "${XDG_RUNTIME_DIR:-/var/run}"/dpdk/fsctp-pli-$$-* 2>/dev/null
	if [ "${PRELOAD_KEEP:-0}" = 1 ]; then
		echo "work dir kept: $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
result() { # name status [reason]
	if [ "$2" -eq 0 ]; then echo "PASS $1"; else echo "FAIL $1${3:+: $3}"; fi
}
wait_for() { # LOG PATTERN SECONDS
	local i
	for i in $(seq 1 $(($3 * 10))); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

ip netns add "$nsb" || skip_all "cannot create a second network namespace"
ip -n "$nsa" link add fsctpveth0 type veth peer name fsctpveth1 netns "$nsb"
ip -n "$nsa" link add fsctpveth2 type veth peer name fsctpveth3 netns "$nsb"
for n in "$nsa" "$nsb"; do
	ip -n "$n" link set lo up
	ip netns exec "$n" sysctl -qw net.ipv4.conf.all.rp_filter=1
	ip netns exec "$n" sysctl -qw net.ipv4.conf.default.rp_filter=1
done
ip netns exec "$nsa" sysctl -qw net.ipv4.conf.fsctpveth0.rp_filter=1
ip netns exec "$nsb" sysctl -qw net.ipv4.conf.fsctpveth1.rp_filter=1
ip -n "$nsa" link set fsctpveth0 up
ip -n "$nsb" link set fsctpveth1 up
ip -n "$nsa" addr add 198.18.1.1/32 dev fsctpveth2
ip -n "$nsb" addr add 198.18.1.2/32 dev fsctpveth3
ip -n "$nsa" link set fsctpveth2 up
ip -n "$nsb" link set fsctpveth3 up
ip -n "$nsa" route add 198.18.1.2/32 dev fsctpveth2
ip -n "$nsb" route add 198.18.1.1/32 dev fsctpveth3
for i in 0 1; do
	cat >"$work/p$i.ini" <<EOF
[eal]
args = --no-huge -m 256 --no-pci

[lcores]
fastpath = 0
idle_sleep_us = 20

[pools]
mbufs = 8191
cache = 64

[port0]
vdev = net_af_packet0,iface=fsctpveth$i,blocksz=4096,framesz=2048,framecnt=1024,qpairs=1
rx_desc = 512
tx_desc = 512
ipv4 = 198.18.1.$((i + 1))/24
offloads = none
EOF
	ip netns exec "$([ $i = 0 ] && echo "$nsa" || echo "$nsb")" \
		tcpdump -i "fsctpveth$i" -s 0 -B 65536 --immediate-mode -U -q \
		-w "$work/cap$i.pcap" sctp 2>"$work/cap$i.log" &
	pids+=($!)
	wait_for "$work/cap$i.log" listening 5
done
pfx=fsctp-pli-$$ # EAL runtime directories (removed by cleanup)
pl() { # NS PROFILE LOG PROGRAM ARGS...
	local ns=$1 prof=$2 log=$3
	shift 3
	ip netns exec "$ns" env LD_LIBRARY_PATH="$build/lib" LD_PRELOAD="$PRELOAD" \
		FSCTP_PRELOAD_PROFILE="$prof" FSCTP_PRELOAD_STATS=1 \
		FSCTP_PRELOAD_EAL="--file-prefix=$pfx-$BASHPID" \
		"$@" >"$log" 2>&1
}
timeout 40 bash -c "$(declare -f pl); build=$build; PRELOAD='$PRELOAD'; pfx=$pfx; \
	pl $nsa $work/p0.ini $work/srv.log iperf3 -s -1 -B 198.18.1.1" &
pids+=($!)
wait_for "$work/srv.log" "Server listening" 20
timeout 40 bash -c "$(declare -f pl); build=$build; PRELOAD='$PRELOAD'; pfx=$pfx; \
	pl $nsb $work/p1.ini $work/cli.log iperf3 -c 198.18.1.1 -B 198.18.1.2 \
	--sctp -t 3"
rc=$?
sleep 1
cat "$work/cli.log" "$work/srv.log" >&2
rate=$(sed -n 's/.* \([0-9.]* [KMG]bits\/sec\) *receiver$/\1/p' "$work/cli.log" | tail -1)
why=
[ "$rc" -eq 0 ] || why="iperf3 client exit status $rc"
[ -z "$why" ] && [ -z "$rate" ] && why="no receiver rate in the client's report"
[ -z "$why" ] && echo "iperf3 --sctp through libfsctp-preload: $rate" >&2
result preload-iperf3-sctp "$([ -z "$why" ] && echo 0 || echo 1)" "${why:-$rate}"
for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
pids=()
mergecap -w "$work/both.pcap" "$work/cap0.pcap" "$work/cap1.pcap"
out=$(python3 "$top/tests/interop/wirecheck.py" "$work/both.pcap" 2>&1)
result preload-iperf3-wire $? "$out"
echo "$out" >&2
exit 0
