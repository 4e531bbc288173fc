# shellcheck shell=bash
# Stream reconfiguration (RFC 6525) against usrsctp, sourced by
# run-usrsctp.sh. reconf-peer (tests/interop/peer/reconf_peer.c, linked
# against libusrsctp: the example programs never reset or add streams)
# sends 5 messages on stream 1, resets its outbound stream 1
# (SCTP_RESET_STREAMS), adds 2 outbound streams (SCTP_ADD_STREAMS), then
# sends 5 more on stream 1 and one on the last new stream. fsctp accepts
# both requests ([sctp] reconf_enable = 5): every message arrives, fsctp
# answers each request with a Re-configuration Response "Success -
# Performed" (result 1), usrsctp reports the reset and the new streams,
# and stream 1 starts again at SSN 0 on the wire.
# f2u_reconf_ours turns it around: fsctp-echo --reconf (the public API's
# fsctp_sock_reset_streams() and fsctp_sock_add_streams()) asks, and
# reconf-peer in server mode, with requests enabled, answers.

RECONF_PEER=$INTEROP_BUILD/tests/interop/peer/reconf-peer

# "SID SSN" of every DATA chunk from usrsctp, one per line (a packet's
# chunks come as parallel lists; tshark prints the SID in hex, 0x0001).
reconf_data_ssns() {
	tshark -r "$CAP_FILE" -o sctp.checksum:CRC-32C \
		-Y "$from_peer && sctp.chunk_type == 0" -T fields \
		-e sctp.data_sid -e sctp.data_ssn 2>/dev/null |
		awk '{ n = split($1, s, ","); split($2, q, ",");
		       for (i = 1; i <= n; i++) print s[i], q[i] }'
}

reconf_checks() { # log
	local log=$1
	expect_eq "usrsctp reset of stream 1 performed" \
		"$(grep -c '^stream reset: flags 0x2 streams 1$' "$log")" 1 &&
		expect_eq "usrsctp streams added" \
			"$(grep -c '^stream change: flags 0x0 ' "$log")" 1 &&
		expect_eq "usrsctp sender dry" "$(grep -c '^sender dry' "$log")" 1 &&
		expect_eq data_msgs "$(interop_fp_stat data_msgs)" 11 &&
		expect_ge "RE-CONFIG from usrsctp" \
			"$(interop_count "$CAP_FILE" 130 "$from_peer")" 2 &&
		expect_ge "Performed responses from fsctp" \
			"$(interop_count "$CAP_FILE" 130 "$from_fsctp && sctp.parameter_reconfig_response_result == 1")" 2 &&
		expect_eq "Denied or failed responses from fsctp" \
			"$(interop_count "$CAP_FILE" 130 "$from_fsctp && sctp.parameter_reconfig_response_result != 1")" 0 &&
		expect_ge "stream 1 at SSN 0 (before and after the reset)" \
			"$(reconf_data_ssns | grep -cx '0x0001 0')" 2 &&
		expect_eq "highest SSN on stream 1 (5 messages, reset, 5 more)" \
			"$(reconf_data_ssns | awk '$1 == "0x0001" { print $2 }' | sort -n | tail -1)" 4 &&
		check_wire
}

# usrsctp connects and asks; fsctp (listening) answers.
u2f_reconf() {
	local log=$INTEROP_WORK/$1.peer.log
	[ -x "$RECONF_PEER" ] || { why="needs tests/interop/peer/reconf-peer (built when libusrsctp-dev is installed)"; return 2; }
	interop_net_up "$1" && interop_fp_start "listen=5001 reconf_enable=5" || fail "set-up" || return
	interop_ns 30 "$RECONF_PEER" client "$FSCTP_IP" 5001 >>"$log" 2>&1 ||
		fail "reconf-peer client exit $?: $(tail -1 "$log")" || return
	sleep 0.5
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	reconf_checks "$log"
}

# fsctp connects; usrsctp (listening) asks once the association is up.
f2u_reconf() {
	local log=$INTEROP_WORK/$1.peer.log pid rc
	[ -x "$RECONF_PEER" ] || { why="needs tests/interop/peer/reconf-peer (built when libusrsctp-dev is installed)"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$RECONF_PEER" server 5005 request >"$log" 2>&1
	pid=${PIDS[0]}
	sleep 0.5
	interop_fp_start "reconf_enable=5" --connect "$FSCTP_IP:5002,$PEER_IP:5005" ||
		fail "fsctp-fp start" || return
	for _ in $(seq 1 50); do
		grep -q '^sender dry' "$log" && break
		sleep 0.2
	done
	interop_fp_stop || fail "fsctp-fp exit status" || return
	for _ in $(seq 1 25); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	wait "$pid"
	rc=$?
	PIDS=()
	interop_cap_stop
	expect_eq "reconf-peer exit status" "$rc" 0 && reconf_checks "$log"
}

# fsctp asks (fsctp-echo client --reconf: 5 messages on stream 0, a reset
# of every outbound stream, 2 streams added, 5 more); usrsctp answers.
f2u_reconf_ours() {
	local log=$INTEROP_WORK/$1.peer.log pid rc
	[ -x "$RECONF_PEER" ] || { why="needs tests/interop/peer/reconf-peer (built when libusrsctp-dev is installed)"; return 2; }
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$RECONF_PEER" server 5006 >"$log" 2>&1
	pid=${PIDS[0]}
	sleep 0.5
	interop_app 40 "" "$ECHO_BIN" client --connect "$PEER_IP:5006" \
		--count 10 --size 100 --discard --reconf --timeout 30 ||
		fail "fsctp-echo client failed: $(tail -1 "$FP_LOG")" || return
	for _ in $(seq 1 25); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	wait "$pid"
	rc=$?
	PIDS=()
	interop_cap_stop
	expect_eq "reconf-peer exit status" "$rc" 0 &&
		expect_eq "fsctp outgoing reset performed" \
			"$(grep -c '^client: SCTP_STREAM_RESET_EVENT flags 0x2$' "$FP_LOG")" 1 &&
		expect_eq "fsctp streams added" \
			"$(grep -c '^client: SCTP_STREAM_CHANGE_EVENT flags 0x0 .* out 18$' "$FP_LOG")" 1 &&
		expect_eq "usrsctp incoming reset" \
			"$(grep -c '^stream reset: flags 0x1 ' "$log")" 1 &&
		expect_eq "usrsctp stream change" \
			"$(grep -c '^stream change: flags 0x0 ' "$log")" 1 &&
		expect_eq "messages usrsctp received" "$(grep -c '^msg sid 0 ' "$log")" 10 &&
		expect_eq "SSN 0 on stream 0 (before and after the reset)" \
			"$(grep -c '^msg sid 0 ssn 0 ' "$log")" 2 &&
		expect_ge "RE-CONFIG from fsctp" \
			"$(interop_count "$CAP_FILE" 130 "$from_fsctp")" 2 &&
		expect_ge "Performed responses from usrsctp" \
			"$(interop_count "$CAP_FILE" 130 "$from_peer && sctp.parameter_reconfig_response_result == 1")" 2 &&
		check_wire
}
