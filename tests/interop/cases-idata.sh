# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # why, from_peer, from_fsctp: run-usrsctp.sh
# I-DATA (RFC 8260) with usrsctp, sourced by run-usrsctp.sh. usrsctp's
# example programs never turn interleaving on, so idata-peer
# (tests/interop/peer/idata_peer.c, linked against libusrsctp) does:
# SCTP_FRAGMENT_INTERLEAVE 2, SCTP_INTERLEAVING_SUPPORTED and the
# round-robin stream scheduler.

IDATA_PEER=$INTEROP_BUILD/tests/interop/peer/idata-peer

# I-DATA chunks (in capture order) whose stream differs from the previous
# one's while that one had not ended its message (no E bit): interleaving.
#   idata_switches PCAP FILTER
idata_switches() {
	tshark -r "$1" -o sctp.checksum:CRC-32C -Y "sctp.chunk_type == 64 && ($2)" \
		-T fields -e sctp.chunk_type -e sctp.data_sid -e sctp.data_e_bit 2>/dev/null |
		awk -F'\t' '{ n = split($1, t, ","); split($2, s, ","); split($3, e, ",")
			k = 0
			for (i = 1; i <= n; i++) { if (t[i] != 64) continue; k++
				if (seen && s[k] != ps && pe == 0) sw++
				ps = s[k]; pe = e[k]; seen = 1 } }
			END { print sw + 0 }'
}

# idata-peer sends 12 messages of 16,000 bytes over 4 streams to
# fsctp-echo, which offers I-DATA ([sctp] idata = 1) and echoes each one
# under the round-robin scheduler ([sctp] stream_sched = 1); usrsctp
# reports interleaving negotiated and gets every echo back intact. Both
# ways only I-DATA (no DATA chunk), fragmented messages both ways, fsctp's
# fragments interleaved across streams (the stream changes between
# consecutive I-DATA chunks before a message ends), and Wireshark decodes
# every packet.
u2f_idata_echo() {
	local log=$INTEROP_WORK/$1.peer.log
	[ -x "$IDATA_PEER" ] || { why="needs tests/interop/peer/idata-peer (built when libusrsctp-dev is installed)"; return 2; }
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_app_bg "echoing" "idata=1 stream_sched=1" "$ECHO_BIN" server --listen 7 ||
		fail "fsctp-echo server start" || return
	interop_ns 40 "$IDATA_PEER" "$FSCTP_IP" 7 12 16000 4 >>"$log" 2>&1 ||
		fail "idata-peer exit $?: $(tail -1 "$log")" || return
	sleep 0.5
	interop_fp_stop
	interop_cap_stop
	grep -q "^interleaving negotiated" "$log" ||
		fail "usrsctp did not report interleaving" || return
	grep -q "^echoed 12 msgs 192000 bytes ok" "$log" ||
		fail "idata-peer: $(tail -1 "$log")" || return
	grep -q "echoed 12 msgs 192000 bytes" "$FP_LOG" ||
		fail "fsctp-echo did not echo 192000 bytes" || return
	expect_eq "DATA chunks" "$(interop_count "$CAP_FILE" 0)" 0 &&
		expect_ge "I-DATA from usrsctp" "$(interop_count "$CAP_FILE" 64 "$from_peer")" 132 &&
		expect_ge "I-DATA from fsctp" "$(interop_count "$CAP_FILE" 64 "$from_fsctp")" 132 &&
		expect_ge "I-DATA fragments (no E bit) from fsctp" \
			"$(interop_count "$CAP_FILE" 64 "$from_fsctp && sctp.data_e_bit == 0")" 120 &&
		expect_ge "fsctp I-DATA interleaved (stream changes mid-message)" \
			"$(idata_switches "$CAP_FILE" "$from_fsctp")" 1 &&
		check_wire --allow-open
}

# The other way round: fsctp-echo client (I-DATA offered, round-robin
# scheduler) sends 12 messages of 16,000 bytes over 4 streams to
# idata-peer in server mode (interleaving on), which echoes each whole
# message on its stream. Both ways only I-DATA, fsctp's fragments
# interleaved across streams, every echo verified by fsctp-echo, a clean
# shutdown from fsctp.
f2u_idata_echo() {
	local log=$INTEROP_WORK/$1.peer.log
	[ -x "$IDATA_PEER" ] || { why="needs tests/interop/peer/idata-peer (built when libusrsctp-dev is installed)"; return 2; }
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_bg timeout 40 "$IDATA_PEER" server 7 12 >>"$log" 2>&1
	sleep 0.5
	interop_app 40 "idata=1 stream_sched=1" "$ECHO_BIN" client --connect "$PEER_IP:7" \
		--count 12 --size 16000 --streams 4 --timeout 30 ||
		fail "fsctp-echo client failed" || return
	grep -q "^sent 12 msgs 192000 bytes, received 12 msgs 192000 bytes, ok" "$FP_LOG" ||
		fail "echo not verified" || return
	interop_wait_chunk 14 1 5 || fail "no SHUTDOWN COMPLETE" || return
	sleep 0.5
	interop_cap_stop
	grep -q "^interleaving negotiated" "$log" ||
		fail "usrsctp did not report interleaving" || return
	grep -q "^server echoed 12 msgs 192000 bytes" "$log" ||
		fail "idata-peer: $(tail -1 "$log")" || return
	expect_eq "DATA chunks" "$(interop_count "$CAP_FILE" 0)" 0 &&
		expect_ge "I-DATA from fsctp" "$(interop_count "$CAP_FILE" 64 "$from_fsctp")" 132 &&
		expect_ge "I-DATA from usrsctp" "$(interop_count "$CAP_FILE" 64 "$from_peer")" 132 &&
		expect_ge "fsctp I-DATA interleaved (stream changes mid-message)" \
			"$(idata_switches "$CAP_FILE" "$from_fsctp")" 1 &&
		expect_ge "SHUTDOWN from fsctp" "$(interop_count "$CAP_FILE" 7 "$from_fsctp")" 1 &&
		check_wire
}
