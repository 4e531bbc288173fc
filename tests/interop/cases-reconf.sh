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

# SSN/TSN reset (RFC 6525 5.1.4, 5.2.4) asked by usrsctp: reconf-peer
# client-assoc sends 5 messages on stream 1, waits until they are
# acknowledged, asks for the reset (SCTP_RESET_ASSOC), then sends 5 more.
# fsctp (reconf_enable = 7: FSCTP_ENABLE_RESET_ASSOC_REQ too) answers
# "Success - Performed" with both next TSNs; usrsctp reports
# SCTP_ASSOC_RESET_EVENT flags 0 and goes on under the new TSNs (its DATA
# after the reset starts at the Receiver's Next TSN fsctp gave, SSN 0
# again); every message arrives, the association ends cleanly.
# Observed with usrsctp 0.9.5: after the reset it asked for, in about half
# the runs it never reports SCTP_SENDER_DRY although fsctp's SACKs
# acknowledge all its data (its sender state from before the reset; with
# PR-SCTP on it may also send a FORWARD TSN of the old TSNs, which fsctp
# ignores, counted in fsctp_fwd_tsn_far): SKIPped unless INTEROP_TSN_RESET=1.
u2f_reconf_assoc() {
	local log=$INTEROP_WORK/$1.peer.log rtsn first
	[ "${INTEROP_TSN_RESET:-0}" = 1 ] || { why="usrsctp 0.9.5 often never sees its data after an SSN/TSN reset as acknowledged (no SENDER_DRY); INTEROP_TSN_RESET=1 runs it"; return 2; }
	[ -x "$RECONF_PEER" ] || { why="needs tests/interop/peer/reconf-peer (built when libusrsctp-dev is installed)"; return 2; }
	interop_net_up "$1" && interop_fp_start "listen=5001 reconf_enable=7" || fail "set-up" || return
	interop_ns 30 "$RECONF_PEER" client-assoc "$FSCTP_IP" 5001 >>"$log" 2>&1 ||
		fail "reconf-peer client-assoc exit $?: $(tail -1 "$log")" || return
	sleep 0.5
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	# The Receiver's Next TSN in fsctp's response and usrsctp's first
	# DATA chunk with that TSN (raw TSNs, not Wireshark's relative ones).
	rtsn=$(tshark -r "$CAP_FILE" -o sctp.checksum:CRC-32C \
		-Y "$from_fsctp && sctp.parameter_receivers_next_tsn" -T fields \
		-e sctp.parameter_receivers_next_tsn 2>/dev/null | head -1)
	first=$(tshark -r "$CAP_FILE" -o sctp.checksum:CRC-32C \
		-Y "$from_peer && sctp.chunk_type == 0" -T fields -e sctp.data_tsn_raw 2>/dev/null |
		tr ',' '\n' | awk -v r="$rtsn" '$1 == r { print; exit }')
	echo "Receiver's Next TSN '$rtsn', usrsctp's DATA with it '$first'" >&2
	expect_eq "usrsctp ASSOC_RESET performed" \
		"$(grep -c '^assoc reset: flags 0x0 ' "$log")" 1 &&
		expect_eq "usrsctp sender dry" "$(grep -c '^sender dry' "$log")" 1 &&
		expect_eq data_msgs "$(interop_fp_stat data_msgs)" 10 &&
		expect_eq "Performed responses from fsctp" \
			"$(interop_count "$CAP_FILE" 130 "$from_fsctp && sctp.parameter_reconfig_response_result == 1")" 1 &&
		expect_ge "Receiver's Next TSN in the response" "${rtsn:-0}" 1 &&
		expect_eq "usrsctp's DATA at the Receiver's Next TSN" "$first" "$rtsn" &&
		expect_eq "stream 1 at SSN 0 (before and after the reset)" \
			"$(reconf_data_ssns | grep -cx '0x0001 0')" 2 &&
		check_wire
}
