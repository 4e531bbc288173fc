# SCTP over UDP (RFC 6951) against usrsctp in its default mode: its
# programs open UDP port 9899 as well as raw sockets, fsctp runs with
# [sctp] udp_encaps = on. Sourced by run-usrsctp.sh (helpers there and in
# lib.sh). Each case captures SCTP and UDP 9899 on the usrsctp side; tshark
# decodes the datagrams as SCTP (-d udp.port==9899,sctp), and every case
# checks that no packet travelled as raw SCTP, that both sides sent SCTP in
# UDP, and the wire (CRC32c, fsctp's UDP checksums, endings).

UDP_KEYS="udp_encaps=on"

# The capture and tshark settings of the encapsulated cases: each case
# declares the two variables local first, so they end with it.
udp_case_env() {
	INTEROP_CAP_FILTER="sctp or udp port 9899"
	INTEROP_TSHARK_DECODE="udp.port==9899,sctp"
}

# After interop_net_up: the peer's kernel computes its UDP checksums
# (tx-csum-off.py says why).
udp_peer_csum() {
	ip netns exec "$INTEROP_NS" /usr/bin/python3 "$here/tx-csum-off.py" fsctpif1
}

# Packets in the capture matching a display filter.
udp_pkts() {
	tshark -r "$CAP_FILE" -d udp.port==9899,sctp -Y "$1" 2>/dev/null | wc -l
}

# The checks every encapsulated case ends with: no raw SCTP, at least MIN
# packets of SCTP in UDP each way, UDP source port 9899 on fsctp's
# datagrams, the wire check.
udp_wire_checks() { # MIN [wirecheck args]
	local min=$1
	shift
	expect_eq "raw SCTP packets" "$(udp_pkts "sctp && !udp")" 0 &&
		expect_ge "SCTP in UDP from fsctp" \
			"$(udp_pkts "sctp && udp.srcport == 9899 && $from_fsctp")" "$min" &&
		expect_ge "SCTP in UDP from usrsctp" \
			"$(udp_pkts "sctp && udp && $from_peer")" "$min" &&
		check_wire --udp-from="$FSCTP_IP" "$@"
}

# tsctp sends in UDP to fsctp's port 9899 (-U 9899; -E left at its default
# 9899); fsctp learns the port from the INIT (RFC 6951 5.4) and answers in
# UDP. Messages of 1 B to 64 KiB, fragmented by usrsctp.
u2f_udp_sizes() {
	local sizes="1 1452 4000 65536" n=20 s total=0 k=0
	local INTEROP_CAP_FILTER INTEROP_TSHARK_DECODE
	udp_case_env
	interop_net_up "$1" && udp_peer_csum &&
		interop_fp_start "listen=5001 $UDP_KEYS" ||
		fail "set-up" || return
	for s in $sizes; do
		interop_ns 60 "$USRSCTP/tsctp" -U 9899 -p 5001 -l "$s" -n $n \
			"$FSCTP_IP" >>"$INTEROP_WORK/$1.peer.log" 2>&1 ||
			fail "tsctp -l $s exit $?" || return
		total=$((total + s * n))
		k=$((k + 1))
	done
	interop_fp_stop || fail "fsctp-fp exit status" || return
	interop_cap_stop
	expect_eq data_bytes "$(interop_fp_stat data_bytes)" $total &&
		expect_eq data_msgs "$(interop_fp_stat data_msgs)" $((n * k)) &&
		expect_eq comm_down "$(interop_fp_stat comm_down)" $k &&
		expect_eq "ports learnt" "$(interop_fp_stat udp_port_learnt)" $k &&
		expect_ge "packets fsctp sent in UDP" "$(interop_fp_stat tx_udp_encaps)" $((k * 3)) &&
		expect_ge "DATA fragments from usrsctp" \
			"$(interop_count "$CAP_FILE" 0 "$from_peer && sctp.data_e_bit == 0")" 100 &&
		udp_wire_checks 4
}

# usrsctp's client (local and remote encapsulation port 9899) to the
# fsctp-echo server: the message comes back in UDP.
u2f_udp_echo() {
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	local INTEROP_CAP_FILTER INTEROP_TSHARK_DECODE
	udp_case_env
	interop_net_up "$1" && udp_peer_csum || fail "set-up" || return
	interop_app_bg "echoing" "$UDP_KEYS" "$ECHO_BIN" server --listen 7 ||
		fail "fsctp-echo server start" || return
	local fifo=$INTEROP_WORK/$1.fifo
	mkfifo "$fifo"
	ip netns exec "$INTEROP_NS" "$USRSCTP/client" "$FSCTP_IP" 7 0 9899 9899 \
		<"$fifo" >>"$INTEROP_WORK/$1.peer.log" 2>&1 &
	CLIENT_PID=$!
	PIDS+=($CLIENT_PID)
	exec 9>"$fifo"
	printf '%s\n' "hello over udp 9899" >&9
	interop_wait_chunk 0 2 5 || fail "no echoed DATA" || return
	sleep 0.5
	client_kill
	interop_fp_stop
	interop_cap_stop
	grep -q "echoed 1 msgs 20 bytes" "$FP_LOG" || fail "fsctp-echo did not echo 20 bytes" || return
	expect_eq "DATA from fsctp" "$(interop_count "$CAP_FILE" 0 "$from_fsctp && udp")" 1 &&
		udp_wire_checks 3 --allow-open
}

# fsctp-echo connects in UDP ([sctp] udp_remote_port = 9899) to usrsctp's
# echo_server in its default mode; sizes up to 10 KiB, fragmented both
# ways, every byte checked.
f2u_udp_echo_sizes() {
	local s n=20 k=0
	[ -x "$ECHO_BIN" ] || { why="needs app/fsctp-echo"; return 2; }
	local INTEROP_CAP_FILTER INTEROP_TSHARK_DECODE
	udp_case_env
	interop_net_up "$1" && udp_peer_csum || fail "set-up" || return
	interop_bg "$USRSCTP/echo_server" >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	for s in 1 1452 4000 10240; do
		interop_app 40 "$UDP_KEYS udp_remote_port=9899" "$ECHO_BIN" client \
			--connect "$PEER_IP:7" --count $n --size $s --streams 4 --timeout 30 ||
			fail "fsctp-echo client --size $s failed" || return
		grep -q "^sent $n msgs $((n * s)) bytes, received $n msgs $((n * s)) bytes, ok" "$FP_LOG" ||
			fail "echo of $n x $s B not verified" || return
		k=$((k + 1))
	done
	interop_cap_stop
	expect_ge "DATA fragments from fsctp" "$(interop_count "$CAP_FILE" 0 "$from_fsctp && sctp.data_e_bit == 0")" 40 &&
		expect_ge "DATA fragments from usrsctp" "$(interop_count "$CAP_FILE" 0 "$from_peer && sctp.data_e_bit == 0")" 40 &&
		expect_ge "SHUTDOWN COMPLETE" "$(interop_count "$CAP_FILE" 14)" $k &&
		udp_wire_checks 4
}

# fsctp-perf sends for 5 s in UDP to tsctp (default mode, port 9899):
# the byte counts agree.
f2u_udp_perf_to_tsctp() {
	local sent got
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	local INTEROP_CAP_FILTER INTEROP_TSHARK_DECODE
	udp_case_env
	interop_net_up "$1" && udp_peer_csum || fail "set-up" || return
	interop_bg "$USRSCTP/tsctp" -p 5001 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	interop_app 40 "$UDP_KEYS udp_remote_port=9899" "$PERF_BIN" client \
		--connect "$PEER_IP:5001" --duration 5 --size 1400 --quiet ||
		fail "fsctp-perf client failed" || return
	sleep 1
	interop_cap_stop
	sent=$(sed -n 's/^client: sent \([0-9]*\) bytes/\1/p' "$FP_LOG")
	got=$(grep -v '^\[S\]' "$INTEROP_WORK/$1.peer.log" | awk -F', *' 'NF >= 6 && $1 == 1400 { print $4 }' | tail -1)
	echo "fsctp-perf sent $sent bytes in UDP, tsctp received $got bytes" >&2
	expect_ge "bytes sent" "$sent" 1400 &&
		expect_eq "bytes tsctp received" "$got" "$sent" &&
		udp_wire_checks 4
}
