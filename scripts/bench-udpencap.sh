#!/usr/bin/env bash
# Benchmark (not a test): the cost of SCTP over UDP (RFC 6951) per message.
# fsctp-perf loopback (two stacks on a net_ring pair, one lcore) with the
# shipped ring-pair profile, then with [sctp] udp_encaps = on and
# udp_remote_port = 9899 (every packet both ways in UDP): callgrind
# instructions per 100 B message counted as in scripts/bench.sh (RX, TX,
# resumed sends, the first fill), as (Ir(15000) - Ir(5000)) / 10000 (shorter
# runs than bench.sh's keep it to about a minute), and msgs/s for a short
# timed run of each. Instruction counts are repeatable on a noisy
# machine; the rates are not.
#
#   bash scripts/bench-udpencap.sh [SECONDS]     (default 3 s per timed run)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FSCTP_BUILD:-$top/build}
secs=${1:-3}
perf=$build/app/fsctp-perf/fsctp-perf
eal="--eal --log-level=lib.eal:warning --eal --log-level=fsctp.fastpath:warning"
tmp=$(mktemp -d /tmp/fsctp-bench-udp.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

[ -x "$perf" ] || { echo "fsctp-perf not built in $build"; exit 1; }
raw=$top/drivers-config/ring-pair.ini
udp=$tmp/ring-pair-udp.ini
{
	cat "$raw"
	echo "udp_encaps = on"
	echo "udp_remote_port = 9899"
} >"$udp"

rate() { # profile
	# shellcheck disable=SC2086
	timeout $((secs + 30)) "$perf" loopback -p "$1" --size 100 \
		--duration "$secs" --json $eal >"$tmp/r.json" 2>/dev/null ||
		{ echo 0; return; }
	sed -n 's/.*"msgs_per_s":\([0-9.]*\).*/\1/p' "$tmp/r.json"
}

ir() { # profile count
	# shellcheck disable=SC2086
	timeout 900 valgrind --tool=callgrind \
		--toggle-collect=fsctp_rt_lcore_rx_bulk \
		--toggle-collect=fsctp_rt_lcore_tx_burst \
		--toggle-collect=fsctp_stack_tx_resume \
		--toggle-collect=feed_all \
		--callgrind-out-file="$tmp/cg" "$perf" loopback \
		-p "$1" --size 100 --count "$2" --quiet $eal \
		>"$tmp/cg.log" 2>&1 || { echo 0; return; }
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cg.log"
}

per_msg() { # profile
	local a b
	a=$(ir "$1" 5000)
	b=$(ir "$1" 15000)
	awk -v a="$a" -v b="$b" 'BEGIN { if (a > 0 && b > a) printf "%.0f", (b - a) / 10000; else print 0 }'
}

echo "fsctp-perf loopback, 100 B messages, raw SCTP vs SCTP over UDP (RFC 6951)"
r_raw=$(rate "$raw")
r_udp=$(rate "$udp")
echo "msgs/s (${secs} s): raw $r_raw, udp $r_udp"
if command -v valgrind >/dev/null; then
	i_raw=$(per_msg "$raw")
	i_udp=$(per_msg "$udp")
	awk -v r="$i_raw" -v u="$i_udp" 'BEGIN {
		printf "callgrind instructions per message: raw %d, udp %d, UDP encapsulation costs %d (%+.1f%%)\n",
			r, u, u - r, (r > 0 ? (u - r) * 100 / r : 0) }'
else
	echo "callgrind: valgrind not installed"
fi
