#!/usr/bin/env bash
# Unmodified lksctp-tools programs (sctp_test, sctp_darn) on fsctp through
# libfsctp-preload.so (LD_PRELOAD), over net_af_packet on a veth pair.
#
# Phase 1, fsctp to fsctp: both ends are preloaded programs, each in its
# own network namespace on one end of the veth (198.18.1.1 and
# 198.18.1.2, no kernel address): sctp_test's test cases 0-6 in
# one-to-many style and in one-to-one style (-T), sctp_darn sending lines to a
# sctp_darn listener. Phase 2, fsctp to usrsctp: the peer namespace gives
# the kernel 198.18.1.2 and runs usrsctp's discard_server and echo_server
# in raw-IP mode; preloaded sctp_test and sctp_darn connect to them.
# Each phase's capture is checked by tshark (tests/interop/wirecheck.py:
# no malformed packet, CRC32c right, every association ended).
# Prints PASS/FAIL/SKIP lines; namespaces are removed on every exit path.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-${FSCTP_BUILD:-build}}
case $build in /*) ;; *) build=$top/$build ;; esac
lib=$build/lib/preload/libfsctp-preload.so
. "$top/tests/dpdk/lib/preload-env.sh"
usrsctp=${USRSCTP:-/usr/lib/usrsctp}
wirecheck="python3 $top/tests/interop/wirecheck.py"
nsa=fsctp-pla-$$
nsb=fsctp-plb-$$
work=$(mktemp -d /tmp/fsctp-preload.XXXXXX)
cases="0 1 2 3 4 5 6"
names="preload-sctp-darn preload-wire"
for c in $cases; do
	names="preload-sctp-test-c$c preload-sctp-test-stream-c$c $names"
done
unames="preload-usrsctp-sctp-test-discard preload-usrsctp-sctp-darn-echo preload-usrsctp-wire"
pids=()
cap=
cap2=

skip_names() { # reason names...
	local r=$1 n
	shift
	for n in "$@"; do echo "SKIP $n: $r"; done
}
skip_all() {
	skip_names "$1" $names $unames
	rm -rf "$work"
	exit 0
}
[ -f "$lib" ] || skip_all "libfsctp-preload.so not built in $build"
[ "$(id -u)" = 0 ] || skip_all "needs root for network namespaces"
command -v sctp_test >/dev/null && command -v sctp_darn >/dev/null ||
	skip_all "lksctp-tools (sctp_test, sctp_darn) not installed"
command -v tshark >/dev/null && command -v tcpdump >/dev/null &&
	command -v mergecap >/dev/null ||
	skip_all "tshark, mergecap and tcpdump needed for the wire checks"
ip netns add "$nsa" 2>/dev/null || skip_all "cannot create a network namespace"

stop_all() {
	local p
	for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	pids=()
	for p in $cap $cap2; do
		kill -INT "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	cap=
	cap2=
}
cleanup() {
	stop_all
	ip netns del "$nsa" 2>/dev/null
	ip netns del "$nsb" 2>/dev/null
	rm -rf "${XDG_RUNTIME_DIR:-/var/run}"/dpdk/fsctp-pl-$$-* 2>/dev/null
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

# The profile: one net_af_packet port; the address and interface come
# from FSCTP_PRELOAD_ADDR / FSCTP_PRELOAD_IFACE.
cat >"$work/pl.ini" <<EOF
[eal]
args = --no-huge -m 256 --no-pci

[lcores]
fastpath = 0
idle_sleep_us = 20

[pools]
mbufs = 8191
cache = 64

[port0]
vdev = net_af_packet0,iface=fsctpveth0,blocksz=4096,framesz=2048,framecnt=1024,qpairs=1
rx_desc = 512
tx_desc = 512
ipv4 = 198.18.1.1/24
offloads = none
EOF

seq=0
# pl NS IFACE ADDR LOG PROGRAM ARGS...: run a preloaded program (under
# timeout PL_T when set; PL_EXEC=1 in a background subshell makes the
# program the subshell, so that its pid can be killed; PL_LINEBUF=1 makes
# its stdout line-buffered the way stdbuf does, without preloading stdbuf
# itself: an ASan build of the library hangs coreutils' wrappers).
stdbuf_lib=$(ls /usr/libexec/coreutils/libstdbuf.so /usr/lib/coreutils/libstdbuf.so 2>/dev/null | head -1)
pl() {
	local ns=$1 ifc=$2 addr=$3 log=$4
	shift 4
	seq=$((seq + 1))
	${PL_EXEC:+exec} ${PL_T:+timeout $PL_T} ip netns exec "$ns" env LD_LIBRARY_PATH="$build/lib" \
		LD_PRELOAD="$PRELOAD${PL_LINEBUF:+ $stdbuf_lib}" ${PL_LINEBUF:+_STDBUF_O=L} \
		FSCTP_PRELOAD_PROFILE="$work/pl.ini" \
		FSCTP_PRELOAD_IFACE="$ifc" FSCTP_PRELOAD_ADDR="$addr/24" \
		FSCTP_PRELOAD_EAL="--file-prefix=fsctp-pl-$$-$seq-$BASHPID" \
		FSCTP_PRELOAD_STATS=1 "$@" >>"$log" 2>&1
}
# wait_for LOG PATTERN SECONDS
wait_for() {
	local i
	for i in $(seq 1 $(($3 * 10))); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

net_up() { # kernel address on the peer side, or ""
	ip netns del "$nsa" 2>/dev/null
	ip netns del "$nsb" 2>/dev/null
	ip netns add "$nsa" && ip netns add "$nsb" || return 1
	ip -n "$nsa" link add fsctpveth0 type veth peer name fsctpveth1 \
		netns "$nsb" || return 1
	ip -n "$nsa" link set lo up
	ip -n "$nsb" link set lo up
	ip -n "$nsa" link set fsctpveth0 up
	[ -n "$1" ] && ip -n "$nsb" addr add "$1/24" dev fsctpveth1
	ip -n "$nsb" link set fsctpveth1 up
	# A packet socket does not see what net_af_packet sends on the same
	# interface: with fsctp on both ends, each side's capture holds what
	# the other sent (merged by mergecap for the check).
	ip netns exec "$nsb" tcpdump -i fsctpveth1 -s 0 -B 65536 \
		--immediate-mode -U -q -w "$work/$2.pcap" sctp \
		2>"$work/$2.tcpdump.log" &
	cap=$!
	if [ -z "$1" ]; then
		ip netns exec "$nsa" tcpdump -i fsctpveth0 -s 0 -B 65536 \
			--immediate-mode -U -q -w "$work/$2.a.pcap" sctp \
			2>"$work/$2.a.tcpdump.log" &
		cap2=$!
		wait_for "$work/$2.a.tcpdump.log" listening 5
	fi
	wait_for "$work/$2.tcpdump.log" listening 5
}
# merged NAME: both captures of a phase-1 run in one file.
merged() {
	mergecap -w "$work/$1.both.pcap" "$work/$1.pcap" "$work/$1.a.pcap" &&
		echo "$work/$1.both.pcap"
}

wire() { # name pcap
	local out rc
	stop_all
	out=$($wirecheck "$2" 2>&1)
	rc=$?
	echo "$out" >&2
	result "$1" $rc "$out"
}

# ---------------------------------------------------------------------------
# Phase 1: fsctp <-> fsctp.
if net_up "" fsctp; then
	srv=$work/srv.log
	PL_EXEC=1 pl "$nsa" fsctpveth0 198.18.1.1 "$srv" \
		sctp_test -H 198.18.1.1 -P 5000 -l &
	pids+=($!)
	tsrv=$work/tsrv.log
	wait_for "$srv" "Server: Receiving" 20
	for c in $cases; do
		log=$work/c$c.log
		before=$(grep -c "SHUTDOWN_COMPLETE" "$srv")
		PL_T=60 pl $nsb fsctpveth1 198.18.1.2 $log sctp_test -H 198.18.1.2 \
			-P $((5100 + c)) -h 198.18.1.1 -p 5000 -s -c $c -x 1 -o 3 -M 4
		rc=$?
		seq=$((seq + 1))
		wait_for "$srv" "SHUTDOWN_COMPLETE" 5
		sleep 0.5
		after=$(grep -c "SHUTDOWN_COMPLETE" "$srv")
		why=
		[ "$rc" -eq 0 ] || why="client exit status $rc"
		[ -z "$why" ] && ! grep -q "Client: Sending packets" "$log" && why="client sent nothing"
		[ -z "$why" ] && [ "$after" -le "$before" ] && why="no SHUTDOWN_COMPLETE at the server"
		[ -n "$why" ] && tail -20 "$log" >&2
		result "preload-sctp-test-c$c" "$([ -z "$why" ] && echo 0 || echo 1)" "$why"
	done
	# One-to-one style (SOCK_STREAM, accept()): a new pair of
	# processes (one af_packet port serves one process).
	stop_all
	net_up "" fsctp2
	PL_EXEC=1 pl "$nsa" fsctpveth0 198.18.1.1 "$tsrv" \
		sctp_test -H 198.18.1.1 -P 5001 -l -T &
	pids+=($!)
	wait_for "$tsrv" "Server: Receiving\|accept" 20
	sleep 0.5
	for c in $cases; do
		log=$work/stream-c$c.log
		before=$(grep -c "recvmsg.*Data" "$tsrv")
		PL_T=60 pl $nsb fsctpveth1 198.18.1.2 $log sctp_test \
			-H 198.18.1.2 -P $((5200 + c)) -h 198.18.1.1 -p 5001 \
			-s -c $c -x 1 -T
		rc=$?
		sleep 0.5
		after=$(grep -c "recvmsg.*Data" "$tsrv")
		why=
		[ "$rc" -eq 0 ] || why="client exit status $rc"
		[ -z "$why" ] && [ "$after" -le "$before" ] && why="server received no data"
		[ -n "$why" ] && { tail -20 "$log" >&2; tail -20 "$tsrv" >&2; }
		result "preload-sctp-test-stream-c$c" "$([ -z "$why" ] && echo 0 || echo 1)" "$why"
	done
	stop_all
	for f in fsctp2.pcap fsctp2.a.pcap; do
		mv "$work/$f" "$work/${f/fsctp2/fsctp-stream}" 2>/dev/null
	done
	# sctp_darn: lines from stdin, printed by a sctp_darn listener.
	net_up "" fsctp3
	dsrv=$work/darn-srv.log
	PL_EXEC=1 PL_LINEBUF=1 pl "$nsa" fsctpveth0 198.18.1.1 "$dsrv" \
		sctp_darn -H 198.18.1.1 -P 5002 -l &
	pids+=($!)
	wait_for "$dsrv" "Listening\|listen" 20
	sleep 1
	log=$work/darn.log
	printf 'fsctp-line-one\nfsctp-line-two\n' |
		PL_T=30 pl $nsb fsctpveth1 198.18.1.2 $log sctp_darn -H 198.18.1.2 \
		-P 5202 -h 198.18.1.1 -p 5002 -s
	rc=$?
	wait_for "$dsrv" "fsctp-line-two" 5
	why=
	grep -q "fsctp-line-one" "$dsrv" && grep -q "fsctp-line-two" "$dsrv" ||
		why="listener did not print both lines (client status $rc)"
	[ -n "$why" ] && { tail -20 "$log" >&2; tail -20 "$dsrv" >&2; }
	result preload-sctp-darn "$([ -z "$why" ] && echo 0 || echo 1)" "$why"
	stop_all
	out=
	rc=0
	for p in fsctp fsctp-stream fsctp3; do
		o=$($wirecheck "$(merged $p)" 2>&1) || rc=1
		out="$out $o;"
	done
	echo "$out" >&2
	result preload-wire $rc "$out"
else
	skip_names "cannot set up the veth pair" $names
fi

# ---------------------------------------------------------------------------
# Phase 2: fsctp (preloaded) -> usrsctp in raw-IP mode.
if [ ! -x "$usrsctp/discard_server" ] || [ ! -x "$usrsctp/echo_server" ]; then
	skip_names "usrsctp example programs not installed in $usrsctp" $unames
	exit 0
fi
stop_all
if ! net_up 198.18.1.2 usrsctp; then
	skip_names "cannot set up the veth pair" $unames
	exit 0
fi
ip netns exec "$nsb" "$usrsctp/discard_server" 0 >"$work/u-discard.log" 2>&1 &
pids+=($!)
ip netns exec "$nsb" "$usrsctp/echo_server" 0 >"$work/u-echo.log" 2>&1 &
pids+=($!)
sleep 1
log=$work/u-test.log
PL_T=60 pl $nsa fsctpveth0 198.18.1.1 $log sctp_test -H 198.18.1.1 -P 5300 \
	-h 198.18.1.2 -p 9 -s -c 1 -x 1
rc=$?
[ "$rc" -eq 0 ] || tail -20 "$log" >&2
result preload-usrsctp-sctp-test-discard $rc "sctp_test exit status $rc"
log=$work/u-darn.log
# usrsctp's echo_server prints each message it echoes.
printf 'fsctp-echo-one\nfsctp-echo-two\n' |
	PL_T=30 pl $nsa fsctpveth0 198.18.1.1 $log sctp_darn -H 198.18.1.1 -P 5301 \
	-h 198.18.1.2 -p 7 -s
rc=$?
why=
sleep 1
n=$(tshark -r "$work/usrsctp.pcap" -Y 'ip.src == 198.18.1.2 && frame contains "fsctp-echo-"' 2>/dev/null | wc -l)
[ "$n" -ge 2 ] || n=$(tshark -r "$work/usrsctp.pcap" -Y 'ip.src == 198.18.1.2 && frame contains "fsctp-echo-"' 2>/dev/null | wc -l)
[ "$n" -ge 2 ] || why="$n of 2 lines echoed by usrsctp on the wire (client status $rc)"
[ -n "$why" ] && { tail -20 "$log" >&2; tail -20 "$work/u-echo.log" >&2; }
result preload-usrsctp-sctp-darn-echo "$([ -z "$why" ] && echo 0 || echo 1)" "$why"
sleep 1
wire preload-usrsctp-wire "$work/usrsctp.pcap"
exit 0
