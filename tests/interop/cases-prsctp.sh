# shellcheck shell=bash
# shellcheck disable=SC2034,SC2154 # why, from_peer, from_fsctp: run-usrsctp.sh
# PR-SCTP (RFC 3758, RFC 7496) with usrsctp under 5% loss (nftables in the
# peer's namespace, both ways), sourced by run-usrsctp.sh.
# f2u: fsctp-perf client --pr-ttl / --pr-rtx sends 2000 messages of 1000
# bytes, 200 a second, to tsctp (receiver); fsctp abandons what its policy
# gives up and moves usrsctp's cumulative TSN with FORWARD TSN. Counted:
# what fsctp-perf sent, what it reports abandoned (FSCTP_EV_SEND_FAILED,
# abandoned flag) and what tsctp received; delivered + abandoned must
# cover what was sent. A message may be both (delivered, then abandoned
# before its SACK came back, RFC 3758 3.5), so the overlap is printed and
# must stay small; nothing may be neither.
# u2f: tsctp -P 1 -t 10 / -P 2 -t 0 sends 2000 messages of 1000 bytes
# with PR-SCTP to fsctp-perf server, its DATA dropped at 5% on the veth's
# egress; usrsctp's FORWARD TSNs must be taken (the association ends
# cleanly, fsctp-perf received no more than was sent; tsctp reports
# nothing of what it abandoned, so no sum is checked). The TTL is 10 ms,
# not 100: tsctp sends all 2000 messages in about 0.1 s and usrsctp
# repairs nearly every loss by fast retransmit within a few ms, so with
# 100 ms a run may abandon nothing and send no FORWARD TSN at all.

# Loss of what usrsctp sends: interop_loss's output rule only makes its
# raw socket fail (EPERM) and usrsctp sends again at once, so drop on the
# veth's egress hook (netdev family), before the capture's tap. Only packets whose first chunk is
# DATA or FORWARD TSN (byte 12 of the SCTP header: 0 or 192) are
# dropped: a lost SHUTDOWN COMPLETE is never sent again (RFC 9260 9.2),
# and tsctp exits right after it, so our SHUTDOWN ACKs would go
# unanswered and the case would test the loss rule, not the stack.
#   prsctp_loss_egress PERCENT
prsctp_loss_egress() {
	ip netns exec "$INTEROP_NS" nft -f - <<EOF
table netdev fsctplossout {
	chain e { type filter hook egress device fsctpif1 priority 0; meta protocol ip ip protocol sctp @th,96,8 { 0, 192 } numgen random mod 100 < $1 counter drop; }
}
EOF
}
prsctp_loss_egress_dropped() {
	ip netns exec "$INTEROP_NS" nft list chain netdev fsctplossout e |
		sed -n 's/.*counter packets \([0-9]*\) .*/\1/p'
}

# Bytes tsctp (receiver) reports for messages of 1000 bytes.
prsctp_tsctp_bytes() {
	grep -v '^\[S\]' "$INTEROP_WORK/$INTEROP_CASE.peer.log" |
		awk -F', *' 'NF >= 6 && $1 == 1000 { print $4 }' | tail -1
}

f2u_perf_pr() { # case policy-option value
	local sent ab got dlv din
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_loss 5 || fail "nft loss rules" || return
	interop_bg "$USRSCTP/tsctp" -E 0 -U 0 -p 5001 >"$INTEROP_WORK/$1.peer.log" 2>&1
	sleep 0.5
	interop_app 60 "" "$PERF_BIN" client --connect "$PEER_IP:5001" \
		--count 2000 --rate 200 --size 1000 "$2" "$3" --quiet ||
		fail "fsctp-perf client failed" || return
	# tsctp reports once its side of the association has ended, which
	# a lost SHUTDOWN COMPLETE delays (T2-shutdown): wait for the line.
	for _ in $(seq 1 100); do
		[ -n "$(prsctp_tsctp_bytes)" ] && break
		sleep 0.2
	done
	din=$(interop_loss_dropped_in)
	interop_cap_stop
	sent=$(sed -n 's/^client: sent \([0-9]*\) messages, .*/\1/p' "$FP_LOG")
	ab=$(sed -n 's/^client: sent [0-9]* messages, \([0-9]*\) abandoned/\1/p' "$FP_LOG")
	got=$(prsctp_tsctp_bytes)
	[ -n "$got" ] || fail "tsctp reported nothing within 20 s" || return
	dlv=$((${got:-0} / 1000))
	echo "fsctp-perf sent $sent, abandoned $ab; tsctp received $dlv;" \
		"overlap $((dlv + ${ab:-0} - ${sent:-0})); $din packets dropped on the way in" >&2
	expect_eq "messages sent" "$sent" 2000 &&
		expect_ge "messages abandoned" "$ab" 1 &&
		expect_ge "delivered + abandoned" "$((dlv + ab))" "$sent" &&
		expect_ge "delivered <= sent" "$((sent - dlv))" 0 &&
		expect_ge "overlap <= 1% of sent" "$((sent / 100 - (dlv + ab - sent)))" 0 &&
		expect_ge "FORWARD TSN from fsctp" "$(interop_count "$CAP_FILE" 192 "$from_fsctp")" 1 &&
		expect_ge "SHUTDOWN COMPLETE from fsctp" "$(interop_count "$CAP_FILE" 14 "$from_fsctp")" 1 &&
		check_wire
}
f2u_perf_pr_ttl_loss5() { f2u_perf_pr "$1" --pr-ttl 100; }
f2u_perf_pr_rtx_loss5() { f2u_perf_pr "$1" --pr-rtx 0; }

u2f_tsctp_pr() { # case policy value
	local sent got lost
	[ -x "$PERF_BIN" ] || { why="needs app/fsctp-perf"; return 2; }
	interop_net_up "$1" || fail "set-up" || return
	interop_app_bg "listening" "" "$PERF_BIN" server --listen 5001 ||
		fail "fsctp-perf server start" || return
	interop_loss 5 || fail "nft loss rules" || return
	prsctp_loss_egress 5 || fail "nft egress loss rule" || return
	tsctp -p 5001 -l 1000 -n 2000 -P "$2" -t "$3" || fail "tsctp exit $?" || return
	# usrsctp's graceful close may wait out a lost SHUTDOWN (T2-shutdown).
	interop_wait_chunk 14 1 10
	lost=$(prsctp_loss_egress_dropped)
	echo "dropped: $lost from usrsctp, $(interop_loss_dropped_in) from fsctp" >&2
	[ "$(interop_count "$CAP_FILE" 14)" -ge 1 ] ||
		fail "no SHUTDOWN COMPLETE" || return
	interop_fp_stop || fail "fsctp-perf exit status" || return
	interop_cap_stop
	sent=$(sed -n 's/.*Sending of \([0-9]*\) messages of length 1000 took.*/\1/p' \
		"$INTEROP_WORK/$1.peer.log" | tail -1)
	got=$(sed -n 's/^server: received [0-9]* bytes in \([0-9]*\) messages.*/\1/p' "$FP_LOG")
	echo "tsctp sent $sent, fsctp-perf received $got;" \
		"$(interop_count "$CAP_FILE" 192 "$from_peer") FORWARD TSN chunks from usrsctp" >&2
	expect_eq "messages sent" "$sent" 2000 &&
		expect_ge "packets of usrsctp dropped" "$lost" 1 &&
		expect_ge "messages received" "$got" 1 &&
		expect_ge "received <= sent" "$((sent - got))" 0 &&
		expect_ge "FORWARD TSN from usrsctp" "$(interop_count "$CAP_FILE" 192 "$from_peer")" 1 &&
		check_wire
}
u2f_tsctp_pr_ttl_loss5() { u2f_tsctp_pr "$1" 1 10; }
u2f_tsctp_pr_rtx_loss5() { u2f_tsctp_pr "$1" 2 0; }
