#!/usr/bin/env bash
# osmo-stp (Osmocom's SIGTRAN STP, Debian package osmo-stp), unmodified,
# listening for M3UA on fsctp through libfsctp-preload.so (LD_PRELOAD), in
# one network namespace on net_af_packet (fsctpveth0, 198.18.1.1); an
# M3UA ASP from fsctp-loadgen in another (fsctpveth1, 198.18.1.2) brings
# the ASP up and active (RFC 4666 3.5.1, 3.7.1) and sends DATA from point
# code 1001 to 1001, which the STP routes back to the same AS: every
# message must come back. The capture (both ends merged) is checked by
# tshark: no malformed packet, CRC32c right, the association ended, and
# the M3UA ASP UP ACK, ASP ACTIVE ACK and DATA in both directions seen.
# PL_NODELAY=1 runs osmo-stp with FSCTP_PRELOAD_NODELAY=1 (it does not set
# SCTP_NODELAY itself; loadgen's latency line shows the difference).
# Prints PASS/FAIL/SKIP lines; the namespaces are removed on every exit
# path.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${FSCTP_BUILD:-build}}
case $build in /*) ;; *) build=$top/$build ;; esac
lib=$build/lib/preload/libfsctp-preload.so
. "$top/tests/dpdk/lib/preload-env.sh"
lg=$build/app/fsctp-loadgen/fsctp-loadgen
nsa=fsctp-osa-$$
nsb=fsctp-osb-$$
work=$(mktemp -d /tmp/fsctp-preload-stp.XXXXXX)
names="preload-osmo-stp-asp-active preload-osmo-stp-data preload-osmo-stp-wire"
pids=()
skip_all() {
	local n
	for n in $names; do echo "SKIP $n: $1"; done
	rm -rf "$work"
	exit 0
}
[ -f "$lib" ] || skip_all "libfsctp-preload.so not built in $build"
[ -x "$lg" ] || skip_all "fsctp-loadgen not built in $build"
[ "$(id -u)" = 0 ] || skip_all "needs root for network namespaces"
command -v osmo-stp >/dev/null || skip_all "osmo-stp not installed (Debian package osmo-stp)"
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
	rm -rf "${XDG_RUNTIME_DIR:-/var/run}"/dpdk/fsctp-pls-$$-* 2>/dev/null
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
ip -n "$nsa" link set lo up
ip -n "$nsb" link set lo up
ip -n "$nsa" link set fsctpveth0 up
ip -n "$nsb" link set fsctpveth1 up
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
done
# Point codes in osmo's default 3.8.3 format: 0.250.2 = 2002 (the STP),
# 0.125.1 = 1001 (the ASP's AS, routing context 100).
cat >"$work/stp.cfg" <<EOF
log stderr
 logging filter all 1
 logging color 0
 logging print category 1
 logging level lss7 info
 logging level linp info
cs7 instance 0
 point-code 0.250.2
 asp asp0 5500 2905 m3ua
  remote-ip 198.18.1.2
  local-ip 198.18.1.1
  role sg
  sctp-role server
 as as0 m3ua
  asp asp0
  routing-key 100 0.125.1
 route-table system
  update route 0.125.1 7.255.7 linkset as0
 listen m3ua 2905
  accept-asp-connections dynamic-permitted
  local-ip 198.18.1.1
EOF
for i in 0 1; do
	ip netns exec "$([ $i = 0 ] && echo "$nsa" || echo "$nsb")" \
		tcpdump -i "fsctpveth$i" -s 0 -B 65536 --immediate-mode -U -q \
		-w "$work/cap$i.pcap" sctp 2>"$work/cap$i.log" &
	pids+=($!)
	wait_for "$work/cap$i.log" listening 5
done
ip netns exec "$nsa" env LD_LIBRARY_PATH="$build/lib" LD_PRELOAD="$PRELOAD" \
	FSCTP_PRELOAD_PROFILE="$work/p0.ini" FSCTP_PRELOAD_STATS=1 \
	${PL_NODELAY:+FSCTP_PRELOAD_NODELAY=1} \
	FSCTP_PRELOAD_EAL="--file-prefix=fsctp-pls-$$-stp" \
	osmo-stp -c "$work/stp.cfg" >"$work/stp.log" 2>&1 &
pids+=($!)
stp=$!
if ! wait_for "$work/stp.log" "telnet" 20; then
	cat "$work/stp.log" >&2
	result preload-osmo-stp-asp-active 1 "osmo-stp did not start"
	echo "SKIP preload-osmo-stp-data: osmo-stp did not start"
	echo "SKIP preload-osmo-stp-wire: osmo-stp did not start"
	exit 0
fi
sleep 0.5
timeout 40 ip netns exec "$nsb" "$lg" \
	-s "$top/app/fsctp-loadgen/scenarios/m3ua-asp.ini" -p "$work/p1.ini" \
	--peer 198.18.1.1:2905 --set assoc.count=1 --set assoc.local_port=5500 \
	--set general.duration=2 --set general.rate=100 --set m3ua.dpc=1001 \
	--eal "--file-prefix=fsctp-pls-$$-lg" >"$work/lg.log" 2>&1
rc=$?
wait_for "$work/stp.log" "connection closed" 5
sleep 0.5
kill -TERM "$stp" 2>/dev/null
cat "$work/lg.log" "$work/stp.log" >&2
why=
grep -q "1 of 1 associations ready" "$work/lg.log" ||
	why="the ASP did not become active (loadgen exit $rc)"
grep -q "matched connection to ASP asp0" "$work/stp.log" ||
	why="${why:+$why; }osmo-stp did not match the ASP"
result preload-osmo-stp-asp-active "$([ -z "$why" ] && echo 0 || echo 1)" "$why"
tx=$(sed -n 's/^summary: .*DATA tx \([0-9]*\) rx \([0-9]*\),.*/\1/p' "$work/lg.log")
rx=$(sed -n 's/^summary: .*DATA tx \([0-9]*\) rx \([0-9]*\),.*/\2/p' "$work/lg.log")
why=
[ -n "$tx" ] && [ "$tx" -gt 0 ] && [ "$rx" = "$tx" ] ||
	why="DATA tx ${tx:-?} rx ${rx:-?} through osmo-stp (loadgen exit $rc)"
[ -z "$why" ] && [ "$rc" -ne 0 ] && why="loadgen exit status $rc"
result preload-osmo-stp-data "$([ -z "$why" ] && echo 0 || echo 1)" "$why"
for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null; done
for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
pids=()
# A packet socket does not see what net_af_packet sends on the same
# interface: each end's capture holds what the other sent.
mergecap -w "$work/both.pcap" "$work/cap0.pcap" "$work/cap1.pcap"
out=$(python3 "$top/tests/interop/wirecheck.py" "$work/both.pcap" 2>&1)
rc=$?
# M3UA (RFC 4666 3.1.3): class 3 type 4 ASP UP ACK, class 4 type 3 ASP
# ACTIVE ACK, class 1 type 1 DATA, from the STP and from the ASP.
count() { tshark -r "$work/both.pcap" -Y "$1" 2>/dev/null | wc -l; }
upack=$(count 'ip.src == 198.18.1.1 && m3ua.message_class == 3 && m3ua.message_type == 4')
acack=$(count 'ip.src == 198.18.1.1 && m3ua.message_class == 4 && m3ua.message_type == 3')
d_in=$(count 'ip.src == 198.18.1.2 && m3ua.message_class == 1 && m3ua.message_type == 1')
d_out=$(count 'ip.src == 198.18.1.1 && m3ua.message_class == 1 && m3ua.message_type == 1')
out="$out; M3UA: ASP UP ACK $upack, ASP ACTIVE ACK $acack, DATA packets to the STP $d_in, from it $d_out"
echo "$out" >&2
[ "$rc" -eq 0 ] && [ "$upack" -ge 1 ] && [ "$acack" -ge 1 ] &&
	[ "$d_in" -ge 1 ] && [ "$d_out" -ge 1 ]
result preload-osmo-stp-wire $? "$out"
exit 0
