# Shared by the interop cases: fsctp-fp (or another fsctp app) on an
# net_af_packet port in one network namespace, the usrsctp peer in another,
# joined by a veth; packet capture on the peer's (kernel) side, and a
# teardown that always runs. Both namespaces exist before either side
# starts, so the peer can listen before fsctp connects.
#
# Addresses (RFC 2544 benchmarking range): fsctp 198.18.0.1, peer 198.18.0.2.
#
# Environment: FSCTP_BUILD (build dir, default "build"), USRSCTP (directory
# of the usrsctp example programs), INTEROP_KEEP=1 keeps the work dir.

INTEROP_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
INTEROP_BUILD=${FSCTP_BUILD:-build}
case $INTEROP_BUILD in /*) ;; *) INTEROP_BUILD=$INTEROP_TOP/$INTEROP_BUILD ;; esac
FSCTP_FP=$INTEROP_BUILD/app/fsctp-fp/fsctp-fp
FSCTP_IP=198.18.0.1
PEER_IP=198.18.0.2
# Second path of the multi-homed cases (tests/interop/cases-multihome.sh).
FSCTP_IP2=198.18.1.1
PEER_IP2=198.18.1.2
FSCTP_IP6=2001:db8:1::1
PEER_IP6=2001:db8:1::2
USRSCTP=${USRSCTP:-/usr/lib/usrsctp}
WIRECHECK="/usr/bin/python3 $(dirname "${BASH_SOURCE[0]}")/wirecheck.py"
INTEROP_WORK=$(mktemp -d /tmp/fsctp-interop.XXXXXX)
INTEROP_SEQ=0
INTEROP_NS=
INTEROP_NSF=
INTEROP_CASE=
FP_PID=
FP_LOG=
CAP_PID=
CAP_FILE=
PIDS=()

interop_can_run() { # prints the reason when it cannot
	if [ "$(id -u)" -ne 0 ]; then
		echo "needs root for network namespaces"
		return 1
	fi
	if ! ip netns add "fsctp-probe-$$" 2>/dev/null; then
		echo "cannot create a network namespace"
		return 1
	fi
	ip netns del "fsctp-probe-$$"
	if [ ! -x "$USRSCTP/tsctp" ] || [ ! -x "$USRSCTP/echo_server" ]; then
		echo "usrsctp example programs not installed in $USRSCTP"
		return 1
	fi
	if ! command -v tshark >/dev/null || ! command -v tcpdump >/dev/null; then
		echo "tshark and tcpdump needed"
		return 1
	fi
	if [ ! -x "$FSCTP_FP" ]; then
		echo "fsctp-fp not built in $INTEROP_BUILD"
		return 1
	fi
	return 0
}

# Stop everything the current case started; safe to call twice.
interop_teardown() {
	local p
	for p in "${PIDS[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	PIDS=()
	exec 9>&-
	if [ -n "$FP_PID" ]; then
		kill -KILL "$FP_PID" 2>/dev/null
		wait "$FP_PID" 2>/dev/null
		FP_PID=
	fi
	if [ -n "$CAP_PID" ]; then
		kill -INT "$CAP_PID" 2>/dev/null
		wait "$CAP_PID" 2>/dev/null
		CAP_PID=
	fi
	[ -n "$INTEROP_NS" ] && ip netns del "$INTEROP_NS" 2>/dev/null
	[ -n "$INTEROP_NSF" ] && ip netns del "$INTEROP_NSF" 2>/dev/null
	INTEROP_NS=
	INTEROP_NSF=
	return 0
}

interop_exit() {
	interop_teardown
	# EAL runtime directories of this run's --file-prefix values.
	rm -rf "${XDG_RUNTIME_DIR:-/var/run}"/dpdk/fsctp-iop-$$-* 2>/dev/null
	if [ "${INTEROP_KEEP:-0}" = 1 ]; then
		echo "interop work dir kept: $INTEROP_WORK" >&2
	else
		rm -rf "$INTEROP_WORK"
	fi
}

# Write a profile for one af_packet port to stdout (two when INTEROP_IF2
# names a second interface: port1 there, with $FSCTP_IP2/24 or the
# address line INTEROP_IF2_ADDR):
#   interop_profile IFACE [SCTP_KEY=V]...
interop_profile() {
	local ifc=$1 kv
	shift
	cat <<EOF
[eal]
args = --no-huge -m 256 --no-pci

[lcores]
fastpath = 0

[pools]
mbufs = 8191
cache = 64

[port0]
vdev = net_af_packet0,iface=$ifc,blocksz=4096,framesz=2048,framecnt=1024,qpairs=1
rx_desc = 512
tx_desc = 512
ipv4 = $FSCTP_IP/24
offloads = none

EOF
	[ -n "${INTEROP_IF2:-}" ] && cat <<EOF
[port1]
vdev = net_af_packet1,iface=$INTEROP_IF2,blocksz=4096,framesz=2048,framecnt=1024,qpairs=1
rx_desc = 512
tx_desc = 512
${INTEROP_IF2_ADDR:-ipv4 = $FSCTP_IP2/24}
offloads = none

EOF
	echo "[sctp]"
	for kv in "$@"; do
		echo "${kv%%=*} = ${kv#*=}"
	done
}

# Two namespaces joined by a veth: fsctp's side (INTEROP_NSF, interface
# fsctpif0) and the peer's side (INTEROP_NS, interface fsctpif1, where the
# capture runs).  interop_net_up CASE; sets CAP_FILE. Returns 1 on failure.
interop_net_up() {
	local name=$1 i
	INTEROP_SEQ=$((INTEROP_SEQ + 1))
	INTEROP_CASE=$name
	INTEROP_NS=fsctp-iop-$$-$INTEROP_SEQ-u
	INTEROP_NSF=fsctp-iop-$$-$INTEROP_SEQ-f
	CAP_FILE=$INTEROP_WORK/$name.pcap
	FP_LOG=
	ip netns add "$INTEROP_NS" || return 1
	ip netns add "$INTEROP_NSF" || return 1
	ip -n "$INTEROP_NSF" link add fsctpif0 type veth peer name fsctpif1 \
		netns "$INTEROP_NS" || return 1
	ip -n "$INTEROP_NSF" link set fsctpif0 up || return 1
	ip -n "$INTEROP_NS" link set lo up
	ip -n "$INTEROP_NS" addr add "$PEER_IP/24" dev fsctpif1 || return 1
	ip -n "$INTEROP_NS" link set fsctpif1 up || return 1
	# A 64 MiB kernel buffer holds a whole case even when tcpdump gets no
	# CPU for a while (fsctp polls one of the two cores flat out).
	ip netns exec "$INTEROP_NS" tcpdump -i "${INTEROP_CAP_IF:-fsctpif1}" -s 0 -B 65536 \
		--immediate-mode -w "$CAP_FILE" -U -q ${INTEROP_CAP_FILTER:-sctp} 2>"$CAP_FILE.log" &
	CAP_PID=$!
	for i in $(seq 1 30); do
		[ -s "$CAP_FILE" ] && break
		sleep 0.1
	done
	return 0
}

# Start fsctp-fp on fsctpif0 and wait until it runs:
#   interop_fp_start "KEY=V ..." [fsctp-fp args...]
interop_fp_start() {
	local keys=$1 prof i
	shift
	prof=$INTEROP_WORK/$INTEROP_CASE.ini
	FP_LOG=$INTEROP_WORK/$INTEROP_CASE.fp.log
	# shellcheck disable=SC2086
	interop_profile fsctpif0 $keys >"$prof"
	ip netns exec "$INTEROP_NSF" "$FSCTP_FP" -p "$prof" --seconds 120 \
		--eal "--file-prefix=fsctp-iop-$$-$INTEROP_SEQ" "$@" \
		>"$FP_LOG" 2>&1 &
	FP_PID=$!
	for i in $(seq 1 100); do
		grep -q running "$FP_LOG" && return 0
		kill -0 "$FP_PID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# Run another fsctp application on the same kind of profile in fsctp's
# namespace, in the foreground with a time limit; output to FP_LOG.
#   interop_app SECONDS "KEY=V ..." BINARY ARGS...
interop_app() {
	local t=$1 keys=$2 prof
	shift 2
	prof=$INTEROP_WORK/$INTEROP_CASE.app.ini
	FP_LOG=$INTEROP_WORK/$INTEROP_CASE.app.log
	# shellcheck disable=SC2086
	interop_profile fsctpif0 $keys >"$prof"
	timeout "$t" ip netns exec "$INTEROP_NSF" "$@" -p "$prof" \
		--eal "--file-prefix=fsctp-iop-$$-$INTEROP_SEQ" >>"$FP_LOG" 2>&1
}

# The same in the background (FP_PID), waiting for WORD in its output.
#   interop_app_bg WORD "KEY=V ..." BINARY ARGS...
interop_app_bg() {
	local word=$1 keys=$2 prof i
	shift 2
	prof=$INTEROP_WORK/$INTEROP_CASE.app.ini
	FP_LOG=$INTEROP_WORK/$INTEROP_CASE.app.log
	# shellcheck disable=SC2086
	interop_profile fsctpif0 $keys >"$prof"
	ip netns exec "$INTEROP_NSF" "$@" -p "$prof" \
		--eal "--file-prefix=fsctp-iop-$$-$INTEROP_SEQ" >>"$FP_LOG" 2>&1 &
	FP_PID=$!
	for i in $(seq 1 100); do
		grep -q "$word" "$FP_LOG" && return 0
		kill -0 "$FP_PID" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# SIGINT fsctp-fp (graceful shutdown of its associations), wait for it.
# Returns its exit status.
interop_fp_stop() {
	local rc
	[ -n "$FP_PID" ] || return 1
	kill -INT "$FP_PID" 2>/dev/null
	wait "$FP_PID"
	rc=$?
	FP_PID=
	return $rc
}

# Stop the capture so the file is complete.
interop_cap_stop() {
	if [ -n "$CAP_PID" ]; then
		sleep 0.5
		kill -INT "$CAP_PID" 2>/dev/null
		wait "$CAP_PID" 2>/dev/null
		CAP_PID=
	fi
}

# A counter from fsctp-fp's final "lcore 0:" line: interop_fp_stat NAME
interop_fp_stat() {
	grep '^lcore 0:' "$FP_LOG" | tail -1 |
		sed -n "s/.* $1 \([0-9][0-9]*\).*/\1/p"
}

# Run a command in the namespace in the background, remembering its pid.
interop_bg() {
	ip netns exec "$INTEROP_NS" "$@" &
	PIDS+=($!)
}

# Run a command in the namespace with a time limit.
interop_ns() { # seconds cmd...
	local t=$1
	shift
	timeout "$t" ip netns exec "$INTEROP_NS" "$@"
}

# Number of chunks of TYPE in the capture matching an extra display filter:
#   interop_count PCAP TYPE [FILTER]
interop_count() {
	local f="sctp.chunk_type == $2"
	[ -n "${3:-}" ] && f="$f && ($3)"
	# INTEROP_TSHARK_DECODE (e.g. udp.port==9899,sctp): SCTP in UDP.
	tshark -r "$1" ${INTEROP_TSHARK_DECODE:+-d "$INTEROP_TSHARK_DECODE"} \
		-o sctp.checksum:CRC-32C -Y "$f" -T fields \
		-e sctp.chunk_type 2>/dev/null |
		tr ',' '\n' | grep -cx "$2"
}

# Wait until the capture holds at least N chunks of TYPE (e.g. 11 = COOKIE
# ACK): interop_wait_chunk TYPE N SECONDS
interop_wait_chunk() {
	local i
	for i in $(seq 1 $((${3} * 5))); do
		[ "$(interop_count "$CAP_FILE" "$1")" -ge "$2" ] && return 0
		sleep 0.2
	done
	return 1
}

# Packets the current case's capture lost in the kernel (0 when none), as
# tcpdump reported when it stopped; call after interop_teardown.
interop_cap_lost() {
	local n=
	[ -n "$CAP_FILE" ] && n=$(sed -n \
		's/^\([0-9]*\) packets\{0,1\} dropped by kernel.*/\1/p' \
		"$CAP_FILE.log" 2>/dev/null | tail -1)
	echo "${n:-0}"
}

# Wireshark's verdict on the capture (output to stderr for the log).
interop_wirecheck() { # [--allow-open]
	local dropped
	# tcpdump prints "N packets dropped by kernel" when it stops: a capture
	# with holes cannot prove anything about the wire.
	dropped=$(sed -n 's/^\([0-9]*\) packets\{0,1\} dropped by kernel.*/\1/p' \
		"$CAP_FILE.log" 2>/dev/null)
	if [ -n "$dropped" ] && [ "$dropped" -gt 0 ]; then
		echo "wirecheck: the capture lost $dropped packets (kernel)" >&2
		return 1
	fi
	$WIRECHECK ${INTEROP_TSHARK_DECODE:+--decode="$INTEROP_TSHARK_DECODE"} \
		"$@" "$CAP_FILE" >&2
}

# Drop N% of the SCTP packets on the kernel side with nftables (numgen
# random), in the input hook (real loss: the packet was on the wire) and in
# the output hook. Note: a drop in the output hook is reported to usrsctp's
# raw socket as an error (EPERM) and usrsctp sends again, so it does not
# become loss on the wire; loss of usrsctp's own packets is not emulated
# (no netem on this kernel). A SHUTDOWN COMPLETE (first chunk type 14, byte
# 12 of the SCTP header) is never dropped, either way: the side that sends
# it closes at once (RFC 9260 9.2) and the programs (usrsctp's examples,
# fsctp-perf) exit right after it, so nobody would answer the other side's
# repeated SHUTDOWN ACKs, which then go on for minutes; a lost SHUTDOWN
# COMPLETE is covered by the unit tests.
interop_loss() { # percent
	ip netns exec "$INTEROP_NS" nft -f - <<EOF
table inet fsctploss {
	chain in { type filter hook input priority 0; meta l4proto sctp @th,96,8 != 14 numgen random mod 100 < $1 counter drop; }
	chain out { type filter hook output priority 0; meta l4proto sctp @th,96,8 != 14 numgen random mod 100 < $1 counter drop; }
}
EOF
}

# Packets the nftables input rule dropped (lost on their way to usrsctp).
interop_loss_dropped_in() {
	ip netns exec "$INTEROP_NS" nft list chain inet fsctploss in |
		sed -n 's/.*counter packets \([0-9]*\) .*/\1/p'
}

# Print the case verdict: interop_result NAME STATUS [why]
interop_result() {
	if [ "$2" -eq 0 ]; then
		echo "PASS $1"
	else
		echo "FAIL $1: ${3:-see the log}"
		echo "---- $1 failed: ${3:-see above}; fsctp log:" >&2
		[ -n "$FP_LOG" ] && tail -20 "$FP_LOG" >&2
	fi
}
