# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # why, from_peer, from_fsctp: run-usrsctp.sh
# Multi-homing with usrsctp (RFC 9260 6.4, 8.2, 8.3; RFC 7829), sourced by
# run-usrsctp.sh. Two veth pairs, two subnets: fsctp 198.18.0.1 and
# 198.18.1.1 (two net_af_packet ports), usrsctp 198.18.0.2 and 198.18.1.2
# (bound to INADDR_ANY, so its INIT and INIT ACK list both). The capture
# runs on every interface of the peer's namespace. Mid-transfer the
# primary path's veth is taken down (`ip link set down` on the peer's
# side), then brought back up:
# f2u: fsctp-perf client --multihome (telecom settings: RTO.Min 100 ms,
#   RTO.Max 400 ms, Path.Max.Retrans 2, PF threshold 0, heartbeats every
#   200 ms) sends 3000 messages of 1000 bytes, 500 a second, to tsctp:
#   every one arrives, DATA moves to 198.18.1.2 while the primary is
#   down and returns to the primary once a heartbeat finds it again. The
#   failover time (link down to the first SACK after the first DATA
#   sent to the alternate address) is printed.
# u2f: tsctp (usrsctp's defaults) sends 1000-byte messages for 4 s to
#   fsctp-perf server --multihome; the primary is down from 2 s to 6 s:
#   the association survives the outage and every message tsctp sent
#   arrives (how many DATA chunks usrsctp moved to our second address is
#   printed: some runs none, it waits for the primary).

mh_net_up() { # case [v6: the second pair carries IPv6]
	INTEROP_CAP_IF=any interop_net_up "$1" || return 1
	ip -n "$INTEROP_NSF" link add fsctpif2 type veth peer name fsctpif3 \
		netns "$INTEROP_NS" || return 1
	ip -n "$INTEROP_NSF" link set fsctpif2 up || return 1
	if [ "${2:-}" = v6 ]; then
		ip -n "$INTEROP_NS" addr add "$PEER_IP6/64" dev fsctpif3 nodad ||
			return 1
	else
		ip -n "$INTEROP_NS" addr add "$PEER_IP2/24" dev fsctpif3 || return 1
	fi
	ip -n "$INTEROP_NS" link set fsctpif3 up || return 1
}

# Wait up to SECONDS for the fsctp application (FP_PID) to end by itself,
# then stop it: its exit status.  mh_wait_app SECONDS
mh_wait_app() {
	for _ in $(seq 1 $(($1 * 5))); do
		kill -0 "$FP_PID" 2>/dev/null || break
		sleep 0.2
	done
	interop_fp_stop
}

# Seconds since the epoch, as the capture's timestamps.
mh_now() { date +%s.%N; }

# Epoch time of the first chunk of TYPE matching FILTER after time T:
#   mh_first_after T TYPE FILTER
mh_first_after() {
	tshark -r "$CAP_FILE" -o sctp.checksum:CRC-32C \
		-Y "sctp.chunk_type == $2 && frame.time_epoch > $1 && ($3)" \
		-T fields -e frame.time_epoch 2>/dev/null | head -1
}

f2u_mh_failover() {
	local down up t_alt t_sack t_back sent got lost fo
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	mh_net_up "$1" || fail "set-up" || return
	interop_bg "$USRSCTP/tsctp" -E 0 -U 0 -p 5001 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	INTEROP_IF2=fsctpif2 interop_app_bg "s\] " \
		"rto_min_ms=100 rto_max_ms=400 rto_initial_ms=400 path_max_retrans=2 pf_threshold=0 hb_interval_ms=200" \
		"$PERF_BIN" client --multihome --connect "$PEER_IP:5001" \
		--peer "$PEER_IP2" --count 3000 --rate 500 --size 1000 ||
		fail "fsctp-perf client start" || return
	sleep 1
	down=$(mh_now)
	ip -n "$INTEROP_NS" link set fsctpif1 down || fail "link down" || return
	sleep 2
	up=$(mh_now)
	ip -n "$INTEROP_NS" link set fsctpif1 up || fail "link up" || return
	mh_wait_app 40 || fail "fsctp-perf client failed" || return
	for _ in $(seq 1 100); do
		[ -n "$(prsctp_tsctp_bytes)" ] && break
		sleep 0.2
	done
	interop_cap_stop
	sent=$(sed -n 's/^client: sent \([0-9]*\) bytes/\1/p' "$FP_LOG")
	got=$(prsctp_tsctp_bytes)
	# usrsctp may answer from either of its addresses: the failover ends
	# with the first SACK after the first DATA sent to the alternate.
	t_alt=$(mh_first_after "$down" 0 "ip.dst == $PEER_IP2")
	[ -n "$t_alt" ] && t_sack=$(mh_first_after "$t_alt" 3 "ip.dst == $FSCTP_IP2 || ip.dst == $FSCTP_IP")
	t_back=$(mh_first_after "$up" 0 "ip.dst == $PEER_IP")
	[ -n "$t_sack" ] && fo=$(awk "BEGIN { printf \"%.0f\", ($t_sack - $down) * 1000 }")
	grep "path " "$FP_LOG" >&2
	echo "fsctp-perf sent $sent bytes, tsctp received $got;" \
		"failover (link down to the first SACK of DATA sent to $PEER_IP2): ${fo:-none} ms;" \
		"DATA back on $PEER_IP after the link came up: ${t_back:+yes}" >&2
	lost=$(interop_count "$CAP_FILE" 0 "ip.dst == $PEER_IP2 && frame.time_epoch < $down")
	expect_eq "bytes sent" "$sent" 3000000 &&
		expect_eq "bytes tsctp received" "$got" "$sent" &&
		expect_eq "DATA to $PEER_IP2 before the failure" "$lost" 0 &&
		{ [ -n "$t_sack" ] || fail "no SACK after DATA went to $PEER_IP2"; } &&
		{ [ -n "$t_back" ] || fail "no DATA to $PEER_IP after the link came back"; } &&
		check_wire
}

u2f_mh_failover() {
	local down sent got
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	# tsctp sends as fast as it can: the bulk over the primary (DATA and
	# SACK to or from 198.18.0.1) is left out of the capture, so that
	# tcpdump keeps up; what the checks count is all there.
	INTEROP_CAP_FILTER="sctp and not (host $FSCTP_IP and (sctp[12] = 0 or sctp[12] = 3))" \
		mh_net_up "$1" || fail "set-up" || return
	INTEROP_IF2=fsctpif2 interop_app_bg "listening" "" "$PERF_BIN" server \
		--multihome --listen 5001 ||
		fail "fsctp-perf server start" || return
	interop_bg "$USRSCTP/tsctp" -E 0 -U 0 -p 5001 -l 1000 -T 4 "$FSCTP_IP" \
		>>"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 2
	down=$(mh_now)
	ip -n "$INTEROP_NS" link set fsctpif1 down || fail "link down" || return
	# usrsctp (RTO.Min 1 s, Path.Max.Retrans 5) moves its retransmissions
	# to the alternate path; new data waits for the primary to come back.
	sleep 4
	ip -n "$INTEROP_NS" link set fsctpif1 up || fail "link up" || return
	for _ in $(seq 1 300); do
		grep -q "^Sending of" "$INTEROP_WORK/$1.peer.log" &&
			[ "$(interop_count "$CAP_FILE" 14)" -ge 1 ] && break
		sleep 0.2
	done
	interop_fp_stop || fail "fsctp-perf exit status" || return
	interop_cap_stop
	sent=$(sed -n 's/.*Sending of \([0-9]*\) messages of length 1000 took.*/\1/p' \
		"$INTEROP_WORK/$1.peer.log" | tail -1)
	got=$(sed -n 's/^server: received [0-9]* bytes in \([0-9]*\) messages.*/\1/p' "$FP_LOG")
	grep "path " "$FP_LOG" >&2
	echo "tsctp sent $sent, fsctp-perf received $got;" \
		"$(interop_count "$CAP_FILE" 0 "ip.dst == $FSCTP_IP2 && frame.time_epoch > $down")" \
		"DATA chunks to $FSCTP_IP2 after the failure" >&2
	# Whether usrsctp moves its DATA to our second address within the
	# 4 s (its RTO.Min is 1 s) or waits for the primary varies from run
	# to run, so it is printed, not checked: what is checked is that the
	# association survives the outage with nothing lost. fsctp's side of
	# failover is f2u-mh-failover.
	expect_ge "messages sent" "$sent" 1 &&
		expect_eq "messages received" "$got" "$sent" &&
		expect_ge "SHUTDOWN COMPLETE" "$(interop_count "$CAP_FILE" 14)" 1 &&
		check_wire
}

# A mixed IPv4 / IPv6 association: the primary over IPv4, the alternate
# over IPv6 (2001:db8:1::1 and ::2 on the second pair). fsctp-perf
# --rr sends 1000 requests of 100 bytes, 250 a second, to usrsctp's
# echo_server (dual stack: its INIT ACK lists both families) with the
# telecom settings; the IPv4 veth goes down for 2 s: requests and echoes
# move to IPv6 and back, every request is answered.
f2u_mh_mixed_failover() {
	local down echoes
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	mh_net_up "$1" v6 || fail "set-up" || return
	interop_bg "$USRSCTP/echo_server" 0 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	INTEROP_IF2=fsctpif2 INTEROP_IF2_ADDR="ipv6 = $FSCTP_IP6/64" \
		interop_app_bg "s\] " \
		"rto_min_ms=100 rto_max_ms=400 rto_initial_ms=400 path_max_retrans=2 pf_threshold=0 hb_interval_ms=200" \
		"$PERF_BIN" client --multihome --connect "$PEER_IP:7" \
		--peer "$PEER_IP6" --rr --count 1000 --rate 250 --size 100 ||
		fail "fsctp-perf client start" || return
	sleep 1
	down=$(mh_now)
	ip -n "$INTEROP_NS" link set fsctpif1 down || fail "link down" || return
	sleep 2
	ip -n "$INTEROP_NS" link set fsctpif1 up || fail "link up" || return
	mh_wait_app 40 || fail "fsctp-perf client failed" || return
	interop_cap_stop
	echoes=$(sed -n 's/.*latency p50 .*(\([0-9]*\) samples).*/\1/p' "$FP_LOG")
	grep "path " "$FP_LOG" >&2
	echo "echoes $echoes" >&2
	expect_eq "requests answered" "$echoes" 1000 &&
		expect_ge "DATA to $PEER_IP6 after the failure" \
			"$(interop_count "$CAP_FILE" 0 "ipv6.dst == $PEER_IP6 && frame.time_epoch > $down")" 1 &&
		expect_ge "DATA from $PEER_IP6" \
			"$(interop_count "$CAP_FILE" 0 "ipv6.src == $PEER_IP6")" 1 &&
		expect_ge "IPv6 address in usrsctp's INIT ACK" \
			"$(tshark -r "$CAP_FILE" -Y "sctp.chunk_type == 2 && sctp.parameter_ipv6_address == $PEER_IP6" 2>/dev/null | wc -l)" 1 &&
		check_wire
}

# RFC 5061 with usrsctp (its AUTH and ASCONF on by default; fsctp:
# `[sctp] auth = 1`, `asconf = 1`): fsctp-perf client connects from
# 198.18.0.1 only, to tsctp, sending 2500 messages of 1000 bytes at 500
# a second; then ASCONFs: at 1 s Add IP 198.18.1.1, at 2 s Set Primary
# 198.18.1.1 (usrsctp then sends to it), at 3 s Delete IP 198.18.0.1.
# usrsctp answers each with success, every byte arrives, and after the
# delete usrsctp sends nothing more to 198.18.0.1.
f2u_mh_asconf() {
	local t_del sent got late from_us
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	mh_net_up "$1" || fail "set-up" || return
	interop_bg "$USRSCTP/tsctp" -E 0 -U 0 -p 5001 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	INTEROP_IF2=fsctpif2 interop_app_bg "s\] " "auth=1 asconf=1" \
		"$PERF_BIN" client --connect "$PEER_IP:5001" --count 2500 \
		--rate 500 --size 1000 \
		--asconf "add:$FSCTP_IP2,prim:$FSCTP_IP2,del:$FSCTP_IP" ||
		fail "fsctp-perf client start" || return
	mh_wait_app 40 || fail "fsctp-perf client failed" || return
	for _ in $(seq 1 100); do
		[ -n "$(prsctp_tsctp_bytes)" ] && break
		sleep 0.2
	done
	interop_cap_stop
	from_us="ip.src == $FSCTP_IP || ip.src == $FSCTP_IP2"
	grep "asconf" "$FP_LOG" >&2
	sent=$(sed -n 's/^client: sent \([0-9]*\) bytes/\1/p' "$FP_LOG")
	got=$(prsctp_tsctp_bytes)
	# The third ASCONF-ACK answers the Delete IP.
	t_del=$(tshark -r "$CAP_FILE" -Y "sctp.chunk_type == 128" \
		-T fields -e frame.time_epoch 2>/dev/null | sed -n 3p)
	late=$(interop_count "$CAP_FILE" 3 "ip.dst == $FSCTP_IP && frame.time_epoch > ${t_del:-0} + 0.1")
	echo "fsctp-perf sent $sent bytes, tsctp received $got;" \
		"$late SACKs to $FSCTP_IP after its deletion" >&2
	expect_eq "bytes sent" "$sent" 2500000 &&
		expect_eq "bytes tsctp received" "$got" "$sent" &&
		expect_eq "ASCONF results" "$(grep -c 'asconf .*: cause 0$' "$FP_LOG")" 3 &&
		expect_ge "ASCONF from fsctp" "$(interop_count "$CAP_FILE" 193 "$from_us")" 3 &&
		expect_ge "ASCONF-ACK from usrsctp" "$(interop_count "$CAP_FILE" 128)" 3 &&
		expect_ge "AUTH from fsctp" "$(interop_count "$CAP_FILE" 15 "$from_us")" 3 &&
		expect_ge "SACKs to $FSCTP_IP2" "$(interop_count "$CAP_FILE" 3 "ip.dst == $FSCTP_IP2")" 1 &&
		{ [ -n "$t_del" ] || fail "no third ASCONF-ACK"; } &&
		expect_eq "SACKs to $FSCTP_IP after its deletion" "$late" 0 &&
		check_wire
}

# The other way round: usrsctp sends the ASCONFs. asconf-peer (bound to
# 198.18.0.2 only) sends 2000 messages of 1000 bytes, 200 a second, to
# fsctp-perf server --multihome (`auth = 1`, `asconf = 1`) and on the way
# adds 198.18.1.2 (Add IP), asks fsctp to make it the primary (Set
# Primary) and deletes 198.18.0.2 (Delete IP): fsctp answers each with
# success (a new path, made primary, the old one removed: its path events
# say so), its SACKs go to 198.18.1.2 and none to 198.18.0.2 once it is
# deleted, and every message arrives.
ASCONF_PEER=$INTEROP_BUILD/tests/interop/peer/asconf-peer
u2f_mh_asconf() {
	local got t_del late log
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	[ -x "$ASCONF_PEER" ] || { why="needs tests/interop/peer/asconf-peer (built when libusrsctp-dev is installed)"; return 2; }
	mh_net_up "$1" || fail "set-up" || return
	INTEROP_IF2=fsctpif2 interop_app_bg "listening" "auth=1 asconf=1" \
		"$PERF_BIN" server --multihome --listen 5001 ||
		fail "fsctp-perf server start" || return
	log=$INTEROP_WORK/$1.peer.log
	interop_ns 60 "$ASCONF_PEER" "$PEER_IP" "$PEER_IP2" "$FSCTP_IP" 5001 2000 \
		>>"$log" 2>&1 || fail "asconf-peer exit status $?: $(grep -v '^\[' "$log" | tail -3)" ||
		return
	interop_wait_chunk 14 1 20
	interop_fp_stop || fail "fsctp-perf exit status" || return
	interop_cap_stop
	grep "path \|add\|primary\|delete" "$FP_LOG" "$log" >&2
	got=$(sed -n 's/^server: received [0-9]* bytes in \([0-9]*\) messages.*/\1/p' "$FP_LOG")
	t_del=$(tshark -r "$CAP_FILE" -Y "sctp.chunk_type == 128" \
		-T fields -e frame.time_epoch 2>/dev/null | sed -n 3p)
	late=$(interop_count "$CAP_FILE" 3 "ip.dst == $PEER_IP && frame.time_epoch > ${t_del:-0} + 0.1")
	echo "fsctp-perf received $got; $late SACKs to $PEER_IP after its deletion" >&2
	expect_eq "messages received" "$got" 2000 &&
		expect_eq "asconf-peer calls" "$(grep -c ': ok$' "$log")" 3 &&
		expect_ge "ASCONF from usrsctp" "$(interop_count "$CAP_FILE" 193)" 3 &&
		expect_ge "ASCONF-ACK from fsctp" "$(interop_count "$CAP_FILE" 128)" 3 &&
		{ grep -q "path $PEER_IP2:[0-9]* ADDED" "$FP_LOG" || fail "no ADDED event for $PEER_IP2"; } &&
		{ grep -q "path $PEER_IP2:[0-9]* MADE_PRIM" "$FP_LOG" || fail "no MADE_PRIM event for $PEER_IP2"; } &&
		{ grep -q "path $PEER_IP:[0-9]* REMOVED" "$FP_LOG" || fail "no REMOVED event for $PEER_IP"; } &&
		expect_ge "SACKs to $PEER_IP2" "$(interop_count "$CAP_FILE" 3 "ip.dst == $PEER_IP2")" 1 &&
		{ [ -n "$t_del" ] || fail "no third ASCONF-ACK"; } &&
		expect_eq "SACKs to $PEER_IP after its deletion" "$late" 0 &&
		expect_ge "SHUTDOWN COMPLETE" "$(interop_count "$CAP_FILE" 14)" 1 &&
		check_wire
}
