#!/usr/bin/env bash
# Interoperability with usrsctp (its example programs in raw-IP mode, UDP
# encapsulation off). fsctp-fp runs on net_af_packet in one namespace, the
# usrsctp program in another; every case captures on the usrsctp side and
# hands the capture to wirecheck.py (Wireshark's dissector): a malformed
# packet, a bad CRC32c or an association left open fails the case (an
# ABORT counts as an ending).
# The examples never send an ABORT (they run with blackhole=2 and get
# killed), so the ABORT cases (u2f-abort, f2u-abort) use abort-peer
# (tests/interop/peer/abort_peer.c, linked against libusrsctp, built by meson
# when pkg-config finds usrsctp; the cases SKIP, with the reason, without it).
# Prints one PASS/FAIL/SKIP line per case; INTEROP_ONLY="case ..." runs a
# subset (names with underscores).
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/interop/lib.sh
. "$here/lib.sh"

CASES="u2f_handshake_peer_shutdown u2f_sizes u2f_unordered
u2f_fsctp_shutdown u2f_abort u2f_peer_restart f2u_echo_server
f2u_discard_server f2u_abort f2u_heartbeat_idle f2u_peer_killed u2f_loss_1 u2f_loss_5 f2u_echo_sizes
f2u_echo_streams_unordered f2u_discard_64k f2u_echo_loss_1 f2u_echo_loss_5 u2f_echo_server f2u_perf_to_tsctp u2f_tsctp_to_perf
u2f_udp_sizes u2f_udp_echo f2u_udp_echo_sizes f2u_udp_perf_to_tsctp
u2f_reconf f2u_reconf f2u_reconf_ours u2f_idata_echo
f2u_perf_pr_ttl_loss5 f2u_perf_pr_rtx_loss5 u2f_tsctp_pr_ttl_loss5 u2f_tsctp_pr_rtx_loss5 f2u_idata_echo
u2f_reconf_assoc u2f_auth_echo f2u_auth_echo f2u_mh_failover u2f_mh_failover f2u_mh_mixed_failover f2u_mh_asconf u2f_mh_asconf"
ONLY=${INTEROP_ONLY:-}

case_name() { echo "$1" | tr _ -; }

why=
fail() { why="$*"; return 1; }

# Helpers for checks -------------------------------------------------------

expect_eq() { # what got want
	[ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"
}
expect_ge() { # what got min
	[ -n "$2" ] && [ "$2" -ge "$3" ] || fail "$1: got '$2', expected >= $3"
}
check_wire() {
	local out
	out=$(interop_wirecheck "$@" 2>&1) && { echo "$out" >&2; return 0; }
	echo "$out" >&2
	fail "wire check: $(echo "$out" | tail -1)"
}
from_fsctp="ip.src == $FSCTP_IP"
from_peer="ip.src == $PEER_IP"

tsctp() { # tsctp client args... (output to the case log)
	interop_ns 60 "$USRSCTP/tsctp" -E 0 -U 0 "$@" "$FSCTP_IP" \
		>>"$INTEROP_WORK/$INTEROP_CASE.peer.log" 2>&1
}

# usrsctp's "client" program sends each line of its standard input as a
# message; a FIFO held open by fd 9 keeps it connected until teardown.
#   client_start LOCAL_PORT LINE [REMOTE_PORT]
client_start() {
	local fifo=$INTEROP_WORK/$INTEROP_CASE.fifo
	[ -p "$fifo" ] || mkfifo "$fifo"
	ip netns exec "$INTEROP_NS" "$USRSCTP/client" "$FSCTP_IP" "${3:-5001}" "$1" 0 0 \
		<"$fifo" >>"$INTEROP_WORK/$INTEROP_CASE.peer.log" 2>&1 &
	CLIENT_PID=$!
	PIDS+=($CLIENT_PID)
	exec 9>"$fifo"
	printf '%s\n' "$2" >&9
}
client_kill() {
	kill -KILL "$CLIENT_PID" 2>/dev/null
	wait "$CLIENT_PID" 2>/dev/null
	exec 9>&-
}

# usrsctp client -> fsctp server -------------------------------------------

# Handshake, 100 messages, graceful shutdown started by usrsctp.
u2f_handshake_peer_shutdown() {
	interop_net_up "$1" && interop_fp_start "listen=5001" || fail "set-up" || return
	tsctp -p 5001 -l 1000 -n 100 || fail "tsctp exit $?" || return
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq data_bytes "$(interop_fp_stat data_bytes)" 100000 &&
		expect_eq comm_up "$(interop_fp_stat comm_up)" 1 &&
		expect_eq comm_down "$(interop_fp_stat comm_down)" 1 &&
		expect_ge "SHUTDOWN from usrsctp" "$(interop_count "$CAP_FILE" 7 "$from_peer")" 1 &&
		expect_ge "SHUTDOWN ACK from fsctp" "$(interop_count "$CAP_FILE" 8 "$from_fsctp")" 1 &&
		expect_ge "SHUTDOWN COMPLETE from usrsctp" "$(interop_count "$CAP_FILE" 14 "$from_peer")" 1 &&
		check_wire
}

# Messages of 1 B to 64 KiB: usrsctp fragments, fsctp reassembles.
u2f_sizes() {
	local sizes="1 100 1452 1500 4000 16384 65536" n=20 s total=0 k=0
	interop_net_up "$1" && interop_fp_start "listen=5001" || fail "set-up" || return
	for s in $sizes; do
		tsctp -p 5001 -l "$s" -n $n || fail "tsctp -l $s exit $?" || return
		total=$((total + s * n))
		k=$((k + 1))
	done
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq data_bytes "$(interop_fp_stat data_bytes)" $total &&
		expect_eq data_msgs "$(interop_fp_stat data_msgs)" $((n * k)) &&
		expect_eq comm_down "$(interop_fp_stat comm_down)" $k &&
		expect_ge "DATA fragments (no E bit) from usrsctp" \
			"$(interop_count "$CAP_FILE" 0 "$from_peer && sctp.data_e_bit == 0")" 100 &&
		check_wire
}

# Unordered messages (U bit) from usrsctp, some of them fragmented.
u2f_unordered() {
	interop_net_up "$1" && interop_fp_start "listen=5001" || fail "set-up" || return
	tsctp -p 5001 -u -l 3000 -n 200 || fail "tsctp exit $?" || return
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq data_bytes "$(interop_fp_stat data_bytes)" 600000 &&
		expect_ge "unordered DATA chunks" \
			"$(interop_count "$CAP_FILE" 0 "sctp.data_u_bit == 1")" 400 &&
		check_wire
}

# usrsctp's client stays connected; fsctp starts the graceful shutdown.
u2f_fsctp_shutdown() {
	interop_net_up "$1" && interop_fp_start "listen=5001" || fail "set-up" || return
	client_start 0 hello
	interop_wait_chunk 11 1 5 || fail "no COOKIE ACK" || return
	sleep 0.5
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq data_bytes "$(interop_fp_stat data_bytes)" 6 &&
		expect_eq comm_down "$(interop_fp_stat comm_down)" 1 &&
		expect_ge "SHUTDOWN from fsctp" "$(interop_count "$CAP_FILE" 7 "$from_fsctp")" 1 &&
		expect_ge "SHUTDOWN ACK from usrsctp" "$(interop_count "$CAP_FILE" 8 "$from_peer")" 1 &&
		expect_ge "SHUTDOWN COMPLETE from fsctp" "$(interop_count "$CAP_FILE" 14 "$from_fsctp")" 1 &&
		check_wire
}

# abort-peer (tests/interop/peer, linked against libusrsctp: the shipped
# examples never send an ABORT) sends 20 messages, waits until fsctp has
# SACKed them all, then ABORTs with a User-Initiated Abort cause (RFC 9260
# 9.1, 3.3.10.12): fsctp got every byte, reports the association lost
# (COMM_LOST), and sends nothing back (no SHUTDOWN at its stop, no ABORT).
ABORT_PEER=$INTEROP_BUILD/tests/interop/peer/abort-peer
u2f_abort() {
	local log=$INTEROP_WORK/$1.peer.log
	[ -x "$ABORT_PEER" ] || { why="needs tests/interop/peer/abort-peer (built when libusrsctp-dev is installed)"; return 2; }
	interop_net_up "$1" && interop_fp_start "listen=5001" || fail "set-up" || return
	interop_ns 30 "$ABORT_PEER" client "$FSCTP_IP" 5001 20 1000 >>"$log" 2>&1 ||
		fail "abort-peer client exit $?: $(tail -1 "$log")" || return
	grep -q "^sender dry" "$log" && grep -q "^abort sent" "$log" ||
		fail "abort-peer did not abort: $(tail -1 "$log")" || return
	sleep 0.5
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq data_bytes "$(interop_fp_stat data_bytes)" 20000 &&
		expect_eq data_msgs "$(interop_fp_stat data_msgs)" 20 &&
		expect_eq comm_up "$(interop_fp_stat comm_up)" 1 &&
		expect_eq comm_down "$(interop_fp_stat comm_down)" 1 &&
		expect_eq "comm_lost (ABORT)" "$(interop_fp_stat comm_lost)" 1 &&
		expect_eq "fsctp COMM_LOST with the User-Initiated Abort cause" \
			"$(grep -c 'association [0-9]* lost, cause 12$' "$FP_LOG")" 1 &&
		expect_eq "ABORT from usrsctp" "$(interop_count "$CAP_FILE" 6 "$from_peer")" 1 &&
		expect_eq "User-Initiated Abort cause from usrsctp" \
			"$(interop_count "$CAP_FILE" 6 "$from_peer && sctp.cause_code == 12")" 1 &&
		expect_eq "ABORT from fsctp" "$(interop_count "$CAP_FILE" 6 "$from_fsctp")" 0 &&
		expect_eq "SHUTDOWN from fsctp" "$(interop_count "$CAP_FILE" 7 "$from_fsctp")" 0 &&
		check_wire
}

# The usrsctp client is killed and started again on the same port: its new
# INIT meets the existing association (RFC 9260 5.2.4 case A), fsctp must
# report a restart, and the new association ends gracefully.
u2f_peer_restart() {
	interop_net_up "$1" && interop_fp_start "listen=5001" || fail "set-up" || return
	client_start 5555 one
	interop_wait_chunk 11 1 5 || fail "no COOKIE ACK" || return
	sleep 0.5
	client_kill
	client_start 5555 two
	interop_wait_chunk 11 2 8 || fail "no second COOKIE ACK" || return
	sleep 0.5
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq restarts "$(interop_fp_stat restarts)" 1 &&
		expect_eq data_bytes "$(interop_fp_stat data_bytes)" 8 &&
		expect_ge "SHUTDOWN COMPLETE" "$(interop_count "$CAP_FILE" 14)" 1 &&
		check_wire --allow-open
}

# Transfer through loss on the kernel side, both directions.
u2f_loss() { # case percent
	local din
	interop_net_up "$1" && interop_fp_start "listen=5001" || fail "set-up" || return
	interop_loss "$2" || fail "nft loss rules" || return
	tsctp -p 5001 -l 2000 -n 1000 || fail "tsctp exit $?" || return
	din=$(interop_loss_dropped_in)
	echo "loss $2%: dropped $din packets from fsctp" >&2
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq data_bytes "$(interop_fp_stat data_bytes)" 2000000 &&
		expect_eq data_msgs "$(interop_fp_stat data_msgs)" 1000 &&
		expect_ge "packets from fsctp dropped" "$din" 1 &&
		expect_eq comm_down "$(interop_fp_stat comm_down)" 1 &&
		check_wire
}
u2f_loss_1() { u2f_loss "$1" 1; }
u2f_loss_5() { u2f_loss "$1" 5; }

# fsctp client -> usrsctp servers ------------------------------------------

# fsctp-fp --connect to a usrsctp server on PORT; stays up SECS; graceful
# shutdown from fsctp (SIGINT).
f2u_connect() { # case port secs [profile keys]
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$USRSCTP/$4" 0 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	interop_fp_start "${5:-}" --connect "$FSCTP_IP:5002,$PEER_IP:$2" ||
		fail "fsctp-fp start" || return
	interop_wait_chunk 11 1 5 || fail "no COOKIE ACK" || return
	sleep "$3"
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq comm_up "$(interop_fp_stat comm_up)" 1 &&
		expect_eq comm_down "$(interop_fp_stat comm_down)" 1 &&
		expect_ge "SHUTDOWN from fsctp" "$(interop_count "$CAP_FILE" 7 "$from_fsctp")" 1 &&
		expect_ge "SHUTDOWN ACK from usrsctp" "$(interop_count "$CAP_FILE" 8 "$from_peer")" 1 &&
		expect_ge "SHUTDOWN COMPLETE from fsctp" "$(interop_count "$CAP_FILE" 14 "$from_fsctp")" 1 &&
		check_wire
}
f2u_echo_server() { f2u_connect "$1" 7 1 echo_server; }
f2u_discard_server() { f2u_connect "$1" 9 1 discard_server; }

# fsctp-fp --abort-on-stop ABORTs instead of shutting down (RFC 9260 9.1,
# fsctp_abort() with a User-Initiated Abort cause); abort-peer in server
# mode reports usrsctp's SCTP_ASSOC_CHANGE SCTP_COMM_LOST with that cause.
f2u_abort() {
	local log=$INTEROP_WORK/$1.peer.log pid rc
	[ -x "$ABORT_PEER" ] || { why="needs tests/interop/peer/abort-peer (built when libusrsctp-dev is installed)"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$ABORT_PEER" server 5005 >"$log" 2>&1
	pid=${PIDS[0]}
	sleep 0.5
	interop_fp_start "" --abort-on-stop --connect "$FSCTP_IP:5002,$PEER_IP:5005" ||
		fail "fsctp-fp start" || return
	interop_wait_chunk 11 1 5 || fail "no COOKIE ACK" || return
	sleep 0.5
	interop_fp_stop || fail "fsctp-fp exit status" || return
	# abort-peer exits by itself once the association is gone.
	for _ in $(seq 1 25); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	wait "$pid"
	rc=$?
	PIDS=()
	interop_cap_stop
	expect_eq "abort-peer exit status" "$rc" 0 &&
		expect_eq "usrsctp COMM_UP" "$(grep -c '^assoc change: SCTP_COMM_UP' "$log")" 1 &&
		expect_eq "usrsctp COMM_LOST with the User-Initiated Abort cause" \
			"$(grep -c '^assoc change: SCTP_COMM_LOST .*abort cause 12$' "$log")" 1 &&
		expect_eq comm_up "$(interop_fp_stat comm_up)" 1 &&
		expect_eq comm_down "$(interop_fp_stat comm_down)" 1 &&
		expect_eq "comm_lost (ABORT)" "$(interop_fp_stat comm_lost)" 1 &&
		expect_eq "ABORT from fsctp" "$(interop_count "$CAP_FILE" 6 "$from_fsctp")" 1 &&
		expect_eq "User-Initiated Abort cause from fsctp" \
			"$(interop_count "$CAP_FILE" 6 "$from_fsctp && sctp.cause_code == 12")" 1 &&
		expect_eq "SHUTDOWN from fsctp" "$(interop_count "$CAP_FILE" 7 "$from_fsctp")" 0 &&
		expect_eq "ABORT from usrsctp" "$(interop_count "$CAP_FILE" 6 "$from_peer")" 0 &&
		check_wire
}

# An idle association: fsctp heartbeats every RTO + 500 ms +- RTO/2 (RFC
# 9260 8.3; RTO held at 200 ms so that 4 s hold at least four), usrsctp
# answers each with a HEARTBEAT ACK.
f2u_heartbeat_idle() {
	f2u_connect "$1" 9 4 discard_server "hb_interval_ms=500 rto_initial_ms=200 rto_min_ms=200" || return
	expect_ge "HEARTBEAT from fsctp" "$(interop_count "$CAP_FILE" 4 "$from_fsctp")" 3 &&
		expect_ge "HEARTBEAT ACK from usrsctp" "$(interop_count "$CAP_FILE" 5 "$from_peer")" 3
}

# The usrsctp server is killed (no ABORT: the examples run with
# blackhole=2, so a restarted instance stays silent too): fsctp's
# HEARTBEATs go unanswered and with Path.Max.Retrans = Association.Max.Retrans
# = 3 and RTO.Max 400 ms fsctp declares the association lost (RFC 9260
# 8.1, 8.2, 8.3); a new server then accepts a new association from a second
# fsctp-fp --connect run.
hb_unanswered() { # HEARTBEAT chunks after the last HEARTBEAT ACK
	tshark -r "$CAP_FILE" -o sctp.checksum:CRC-32C -Y "sctp.chunk_type == 4 || sctp.chunk_type == 5" \
		-T fields -e sctp.chunk_type 2>/dev/null |
		awk '$1 == 5 { n = 0 } $1 == 4 { n++ } END { print n + 0 }'
}
f2u_peer_killed() {
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$USRSCTP/discard_server" 0 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	interop_fp_start "hb_interval_ms=300 rto_initial_ms=200 rto_min_ms=200 rto_max_ms=400 assoc_max_retrans=3 path_max_retrans=3" \
		--connect "$FSCTP_IP:5002,$PEER_IP:9" || fail "fsctp-fp start" || return
	interop_wait_chunk 11 1 5 || fail "no COOKIE ACK" || return
	kill -KILL "${PIDS[0]}"
	wait "${PIDS[0]}" 2>/dev/null
	PIDS=()
	sleep 5
	interop_fp_stop || fail "fsctp-fp exit status" || return
	expect_eq comm_up "$(interop_fp_stat comm_up)" 1 &&
		expect_eq "comm_down (association lost)" "$(interop_fp_stat comm_down)" 1 &&
		expect_ge "HEARTBEATs after the last HEARTBEAT ACK" "$(hb_unanswered)" 3 ||
		return
	# A fresh server, a fresh association.
	interop_bg "$USRSCTP/discard_server" 0 >>"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	interop_fp_start "" --connect "$FSCTP_IP:5003,$PEER_IP:9" || fail "second fsctp-fp" || return
	interop_wait_chunk 11 2 5 || fail "no second COOKIE ACK" || return
	sleep 0.3
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq "second comm_down" "$(interop_fp_stat comm_down)" 1 &&
		expect_ge "SHUTDOWN COMPLETE" "$(interop_count "$CAP_FILE" 14 "$from_fsctp")" 1 &&
		check_wire --allow-open
}

# fsctp-echo client -> usrsctp echo_server ---------------------------------

ECHO_BIN=$INTEROP_BUILD/app/fsctp-echo/fsctp-echo
PERF_BIN=$INTEROP_BUILD/app/fsctp-perf/fsctp-perf
# shellcheck source=tests/interop/cases-idata.sh
. "$here/cases-idata.sh"
# shellcheck source=tests/interop/cases-auth.sh
. "$here/cases-auth.sh"
# shellcheck source=tests/interop/cases-multihome.sh
. "$here/cases-multihome.sh"

# Messages of 1 B to 10 KiB echoed (the echo_server example echoes messages
# up to its 10240-byte buffer only): both sides fragment and reassemble,
# the fsctp client compares every byte it gets back.
f2u_echo_sizes() {
	local s n=20 k=0
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$USRSCTP/echo_server" 0 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	for s in 1 100 1452 4000 10240; do
		interop_app 40 "" "$ECHO_BIN" client --connect "$PEER_IP:7" \
			--count $n --size $s --streams 4 --timeout 30 ||
			fail "fsctp-echo client --size $s failed" || return
		grep -q "^sent $n msgs $((n * s)) bytes, received $n msgs $((n * s)) bytes, ok" "$FP_LOG" ||
			fail "echo of $n x $s B not verified" || return
		k=$((k + 1))
	done
	interop_cap_stop
	expect_ge "DATA fragments from fsctp" "$(interop_count "$CAP_FILE" 0 "$from_fsctp && sctp.data_e_bit == 0")" 40 &&
		expect_ge "DATA fragments from usrsctp" "$(interop_count "$CAP_FILE" 0 "$from_peer && sctp.data_e_bit == 0")" 40 &&
		expect_ge "SHUTDOWN COMPLETE" "$(interop_count "$CAP_FILE" 14)" $k &&
		check_wire
}

# Ten streams (usrsctp's default outbound streams), unordered, echoed.
f2u_echo_streams_unordered() {
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$USRSCTP/echo_server" 0 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	interop_app 40 "" "$ECHO_BIN" client --connect "$PEER_IP:7" \
		--count 200 --size 3000 --streams 10 --unordered --timeout 30 ||
		fail "fsctp-echo client failed" || return
	grep -q "^sent 200 msgs 600000 bytes, received 200 msgs 600000 bytes, ok" "$FP_LOG" ||
		fail "echo not verified" || return
	interop_cap_stop
	expect_eq "streams used by fsctp" "$(tshark -r "$CAP_FILE" -Y "sctp.chunk_type == 0 && $from_fsctp" \
		-T fields -e sctp.data_sid 2>/dev/null | tr ',' '\n' | sort -u | wc -l)" 10 &&
		expect_eq "streams used by usrsctp" "$(tshark -r "$CAP_FILE" -Y "sctp.chunk_type == 0 && $from_peer" \
			-T fields -e sctp.data_sid 2>/dev/null | tr ',' '\n' | sort -u | wc -l)" 10 &&
		expect_eq "ordered DATA chunks" "$(interop_count "$CAP_FILE" 0 "sctp.data_u_bit == 0")" 0 &&
		check_wire
}

# 64 KiB messages to discard_server: usrsctp reassembles fsctp's fragments;
# the bytes it reports must add up.
f2u_discard_64k() {
	local got
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg stdbuf -oL "$USRSCTP/discard_server" 0 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	interop_app 40 "" "$ECHO_BIN" client --connect "$PEER_IP:9" \
		--count 20 --size 65536 --discard --timeout 30 ||
		fail "fsctp-echo client failed" || return
	# usrsctp's debug output (stderr) shares the log with the lines of
	# its reads (stdout) and may end in the middle of a line, so a read's
	# line is found anywhere in a line, not only at its start.
	for _ in $(seq 1 25); do
		got=$(grep -o 'Msg of length [0-9]* received' "$INTEROP_WORK/$1.peer.log" |
			awk '{ s += $4 } END { print s + 0 }')
		[ "$got" -ge 1310720 ] && break
		sleep 0.2
	done
	interop_cap_stop
	expect_eq "bytes usrsctp received" "$got" 1310720 &&
		expect_ge "SHUTDOWN COMPLETE" "$(interop_count "$CAP_FILE" 14)" 1 &&
		check_wire
}

# fsctp sends through the loss: 200 messages of 3000 B echoed by usrsctp's
# echo_server; fsctp's lost DATA shows up twice in the capture (taken before
# the input hook drops it), and every byte comes back.
f2u_echo_loss() { # case percent
	local din rtx
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$USRSCTP/echo_server" 0 >"$INTEROP_WORK/$1.peer.log" 2>&1
	interop_loss "$2" || fail "nft loss rules" || return
	sleep 0.5
	interop_app 60 "" "$ECHO_BIN" client --connect "$PEER_IP:7" \
		--count 200 --size 3000 --streams 4 --timeout 50 ||
		fail "fsctp-echo client failed" || return
	grep -q "^sent 200 msgs 600000 bytes, received 200 msgs 600000 bytes, ok" "$FP_LOG" ||
		fail "echo not verified" || return
	din=$(interop_loss_dropped_in)
	interop_cap_stop
	rtx=$(tshark -r "$CAP_FILE" -Y "sctp.chunk_type == 0 && $from_fsctp" -T fields \
		-e sctp.data_tsn 2>/dev/null | tr ',' '\n' | sort | uniq -d | wc -l)
	echo "loss $2%: dropped $din packets from fsctp, $rtx TSNs sent again" >&2
	expect_ge "packets from fsctp dropped" "$din" 1 &&
		expect_ge "TSNs fsctp retransmitted" "$rtx" 1 &&
		check_wire
}
f2u_echo_loss_1() { f2u_echo_loss "$1" 1; }
f2u_echo_loss_5() { f2u_echo_loss "$1" 5; }

# usrsctp's client against fsctp-echo's echo server: the line comes back.
u2f_echo_server() {
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_app_bg "echoing" "" "$ECHO_BIN" server --listen 7 ||
		fail "fsctp-echo server start" || return
	client_start 0 "hello from usrsctp" 7
	interop_wait_chunk 0 2 5 || fail "no echoed DATA" || return
	sleep 0.5
	client_kill
	interop_fp_stop
	interop_cap_stop
	grep -q "echoed 1 msgs 19 bytes" "$FP_LOG" || fail "fsctp-echo did not echo 19 bytes" || return
	expect_eq "DATA from fsctp" "$(interop_count "$CAP_FILE" 0 "$from_fsctp")" 1 &&
		expect_ge "SACK from usrsctp" "$(interop_count "$CAP_FILE" 3 "$from_peer")" 1 &&
		check_wire --allow-open
}

# tsctp against fsctp-perf, 10 s each way, byte counts compared.
f2u_perf_to_tsctp() {
	local sent got
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$USRSCTP/tsctp" -E 0 -U 0 -p 5001 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	interop_app 40 "" "$PERF_BIN" client --connect "$PEER_IP:5001" \
		--duration 10 --size 1400 --quiet || fail "fsctp-perf client failed" || return
	sleep 1
	interop_cap_stop
	sent=$(sed -n 's/^client: sent \([0-9]*\) bytes/\1/p' "$FP_LOG")
	got=$(grep -v '^\[S\]' "$INTEROP_WORK/$1.peer.log" | awk -F', *' 'NF >= 6 && $1 == 1400 { print $4 }' | tail -1)
	echo "fsctp-perf sent $sent bytes, tsctp received $got bytes" >&2
	expect_ge "bytes sent" "$sent" 1400 &&
		expect_eq "bytes tsctp received" "$got" "$sent" &&
		check_wire
}

u2f_tsctp_to_perf() {
	local sent got
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_app_bg "listening" "" "$PERF_BIN" server --listen 5001 ||
		fail "fsctp-perf server start" || return
	tsctp -p 5001 -l 1400 -T 10 || fail "tsctp exit $?" || return
	sleep 0.5
	interop_fp_stop || fail "fsctp-perf exit status" || return
	interop_cap_stop
	sent=$(sed -n 's/.*Sending of \([0-9]*\) messages of length 1400 took.*/\1/p' \
		"$INTEROP_WORK/$1.peer.log" | tail -1)
	got=$(sed -n 's/^server: received \([0-9]*\) bytes.*/\1/p' "$FP_LOG")
	echo "tsctp sent $sent messages, fsctp-perf received $got bytes" >&2
	expect_ge "messages sent" "$sent" 1 &&
		expect_eq "bytes fsctp-perf received" "$got" $((sent * 1400)) &&
		check_wire
}

# SCTP over UDP (RFC 6951) against usrsctp's default mode.
# shellcheck source=tests/interop/cases-udpencap.sh
. "$here/cases-udpencap.sh"
# Stream reconfiguration (RFC 6525): u2f_reconf, f2u_reconf, f2u_reconf_ours.
# shellcheck source=tests/interop/cases-reconf.sh
. "$here/cases-reconf.sh"
# PR-SCTP (RFC 3758, RFC 7496) under loss, both directions.
# shellcheck source=tests/interop/cases-prsctp.sh
. "$here/cases-prsctp.sh"

# ---------------------------------------------------------------------------

if ! reason=$(interop_can_run); then
	for c in $CASES; do echo "SKIP $(case_name "$c"): $reason"; done
	rm -rf "$INTEROP_WORK"
	exit 0
fi
trap interop_exit EXIT

for c in $CASES; do
	if [ -n "$ONLY" ] && ! echo " $ONLY " | grep -q " $c "; then
		continue
	fi
	why=
	note=
	CAP_FILE=
	echo "==== $c" >&2
	start=$(date +%s)
	"$c" "$c"
	st=$?
	interop_teardown
	echo "==== $c: $(($(date +%s) - start)) s" >&2
	# A capture with holes (tcpdump's kernel buffer overflowed on a busy
	# machine) proves nothing either way, whichever check it broke (a
	# chunk count or the wire check): repeat a failed case once and say
	# so; lost again, the case is SKIPped as inconclusive. A verdict comes
	# from the stack, never from the load.
	lost=$(interop_cap_lost)
	if [ $st -ne 0 ] && [ $st -ne 2 ] && [ "$lost" -gt 0 ]; then
		echo "==== $c: the capture lost $lost packets; repeating once" >&2
		note=" (repeated once: the first capture lost $lost packets)"
		why=
		CAP_FILE=
		# The logs are appended to: start them again.
		rm -f "$INTEROP_WORK/$c".*
		"$c" "$c"
		st=$?
		interop_teardown
		lost=$(interop_cap_lost)
		if [ $st -ne 0 ] && [ $st -ne 2 ] && [ "$lost" -gt 0 ]; then
			echo "SKIP $(case_name "$c"): inconclusive, the capture lost packets twice ($lost the second time): $why"
			continue
		fi
	fi
	if [ $st -eq 2 ]; then
		echo "SKIP $(case_name "$c"): $why"
		continue
	fi
	interop_result "$(case_name "$c")$note" $st "$why"
done
exit 0
