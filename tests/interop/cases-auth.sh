# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # why, from_peer, from_fsctp: run-usrsctp.sh
# Authenticated chunks (RFC 4895) with usrsctp, sourced by run-usrsctp.sh.
# usrsctp offers AUTH by default (RANDOM, CHUNKS, HMAC-ALGO in its INIT)
# but requires only ASCONF and ASCONF-ACK authenticated; auth-peer
# (tests/interop/peer/idata_peer.c built with -DPEER_AUTH) also
# requires DATA and SACK.

AUTH_PEER=$INTEROP_BUILD/tests/interop/peer/auth-peer

# auth-peer sends 12 messages of 16,000 bytes over 4 streams to
# fsctp-echo, which offers AUTH and requires DATA and SACK authenticated
# ([sctp] auth = 1, auth_chunks = 0,3); both sides report AUTH
# negotiated (usrsctp's COMM_UP lists SCTP_ASSOC_SUPPORTS_AUTH), every
# echo comes back intact. Both ways every DATA chunk travels behind an
# AUTH chunk (a DATA chunk that needed one and failed its HMAC would have
# been dropped by the receiver, and the echo would not complete), the
# INIT and INIT ACK carry RANDOM, CHUNKS and HMAC-ALGO, and Wireshark
# decodes every packet.
u2f_auth_echo() {
	local log=$INTEROP_WORK/$1.peer.log d_peer d_fsctp
	[ -x "$AUTH_PEER" ] || { why="needs tests/interop/peer/auth-peer (built when libusrsctp-dev is installed)"; return 2; }
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_app_bg "echoing" "auth=1 auth_chunks=0,3" "$ECHO_BIN" server --listen 7 ||
		fail "fsctp-echo server start" || return
	interop_ns 40 "$AUTH_PEER" "$FSCTP_IP" 7 12 16000 4 >>"$log" 2>&1 ||
		fail "auth-peer exit $?: $(tail -1 "$log")" || return
	sleep 0.5
	interop_fp_stop
	interop_cap_stop
	grep -q "^auth negotiated" "$log" ||
		fail "usrsctp did not report AUTH negotiated" || return
	grep -q "^echoed 12 msgs 192000 bytes ok" "$log" ||
		fail "auth-peer: $(tail -1 "$log")" || return
	grep -q "echoed 12 msgs 192000 bytes" "$FP_LOG" ||
		fail "fsctp-echo did not echo 192000 bytes" || return
	d_peer=$(interop_count "$CAP_FILE" 0 "$from_peer")
	d_fsctp=$(interop_count "$CAP_FILE" 0 "$from_fsctp")
	expect_ge "DATA from usrsctp" "$d_peer" 132 &&
		expect_ge "DATA from fsctp" "$d_fsctp" 132 &&
		expect_ge "AUTH from usrsctp" "$(interop_count "$CAP_FILE" 15 "$from_peer")" 1 &&
		expect_ge "AUTH from fsctp" "$(interop_count "$CAP_FILE" 15 "$from_fsctp")" 1 &&
		expect_eq "packets with DATA from usrsctp without AUTH" \
			"$(interop_count "$CAP_FILE" 0 "$from_peer && !(sctp.chunk_type == 15)")" 0 &&
		expect_eq "packets with DATA from fsctp without AUTH" \
			"$(interop_count "$CAP_FILE" 0 "$from_fsctp && !(sctp.chunk_type == 15)")" 0 &&
		expect_ge "INIT ACK from fsctp with RANDOM" \
			"$(interop_count "$CAP_FILE" 2 "$from_fsctp && sctp.parameter_type == 0x8002")" 1 &&
		expect_ge "INIT ACK from fsctp with HMAC-ALGO" \
			"$(interop_count "$CAP_FILE" 2 "$from_fsctp && sctp.parameter_type == 0x8004")" 1 &&
		check_wire --allow-open
}

# fsctp-echo (client, [sctp] auth = 1, auth_chunks = 0,3) connects to
# usrsctp's echo_server (AUTH on by default, requiring only ASCONF and
# ASCONF-ACK): AUTH negotiated from fsctp's INIT and usrsctp's INIT ACK,
# keys from the active side; usrsctp puts an AUTH chunk before every DATA
# it echoes (fsctp drops DATA without a valid one, so the verified echo
# proves the HMACs), fsctp sends none (usrsctp does not ask for DATA);
# 20 messages of 4,000 bytes verified byte for byte.
f2u_auth_echo() {
	local n=20 s=4000
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg "$USRSCTP/echo_server" 0 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	interop_app 40 "auth=1 auth_chunks=0,3" "$ECHO_BIN" client --connect "$PEER_IP:7" \
		--count $n --size $s --streams 4 --timeout 30 ||
		fail "fsctp-echo client failed" || return
	grep -q "^sent $n msgs $((n * s)) bytes, received $n msgs $((n * s)) bytes, ok" "$FP_LOG" ||
		fail "echo of $n x $s B not verified" || return
	interop_cap_stop
	expect_ge "INIT from fsctp with RANDOM" \
		"$(interop_count "$CAP_FILE" 1 "$from_fsctp && sctp.parameter_type == 0x8002")" 1 &&
		expect_ge "DATA from usrsctp" "$(interop_count "$CAP_FILE" 0 "$from_peer")" 60 &&
		expect_ge "AUTH from usrsctp" "$(interop_count "$CAP_FILE" 15 "$from_peer")" 20 &&
		expect_eq "packets with DATA from usrsctp without AUTH" \
			"$(interop_count "$CAP_FILE" 0 "$from_peer && !(sctp.chunk_type == 15)")" 0 &&
		expect_eq "AUTH from fsctp" "$(interop_count "$CAP_FILE" 15 "$from_fsctp")" 0 &&
		check_wire
}
