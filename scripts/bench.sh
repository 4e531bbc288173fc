#!/usr/bin/env bash
# Benchmark (not a test): fsctp-perf loopback (two fsctp stacks in one
# process on a net_ring pair, both polled inline by one lcore) next to
# usrsctp's tsctp (client and server processes over UDP encapsulation on
# the loopback interface) at 100 B, 1400 B and 64 KiB messages; prints each
# figure and the ratio fsctp/usrsctp, then callgrind instructions per 100 B
# message for fsctp: the instructions inside fsctp_rt_lcore_rx_bulk() (protocol
# input, with the inline callbacks that send the next messages),
# fsctp_rt_lcore_tx_burst() (with the ring PMD's TX burst), the sends resumed
# when the output has room (fsctp_stack_tx_resume()) and the first fill of
# the send buffers (callgrind --toggle-collect; idle turns and timers left
# out), as the difference of two loopback runs of 20,000 and 60,000
# messages so that start-up and shutdown cancel out (shorter runs are
# dominated by them).
#
#   bash scripts/bench.sh [SECONDS]        (default 3 s per run)
#   FSCTP_BENCH_ONLY=callgrind bash scripts/bench.sh
#                                          (only the callgrind part; its
#                                          count varies between runs by a
#                                          few percent, with how messages
#                                          fall into packets: run it twice)
#
# Needs a built tree (build/ or $FSCTP_BUILD), libusrsctp-examples for
# tsctp and valgrind for the instruction count; what is missing is skipped
# with a message.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FSCTP_BUILD:-$top/build}
secs=${1:-3}
perf=$build/app/fsctp-perf/fsctp-perf
tsctp=${TSCTP:-/usr/lib/usrsctp/tsctp}
prof=$top/drivers-config/ring-pair.ini
eal="--eal --log-level=lib.eal:warning --eal --log-level=fsctp.fastpath:warning"
tmp=$(mktemp -d /tmp/fsctp-bench.XXXXXX)
spid=
cleanup() {
	[ -n "$spid" ] && kill "$spid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

[ -x "$perf" ] || { echo "fsctp-perf not built in $build (ninja -C build)"; exit 1; }

jget() { # key file
	sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" "$2"
}

# fsctp: msgs/s and Gbit/s
fsctp_run() { # size
	# shellcheck disable=SC2086
	timeout $((secs + 30)) "$perf" loopback -p "$prof" --size "$1" \
		--duration "$secs" --json $eal >"$tmp/f.json" 2>"$tmp/f.err" ||
		{ echo "0 0"; return; }
	echo "$(jget msgs_per_s "$tmp/f.json") $(jget goodput_gbps "$tmp/f.json") $(jget retransmissions "$tmp/f.json")"
}

# usrsctp tsctp over UDP encapsulation: msgs/s and Gbit/s (server side)
tsctp_run() { # size
	[ -x "$tsctp" ] || { echo "-"; return; }
	local port=$((5001 + RANDOM % 1000)) e1=$((20000 + RANDOM % 20000))
	local e2=$((e1 + 1)) line
	"$tsctp" -E "$e1" -U "$e2" -p "$port" >"$tmp/ts.log" 2>&1 &
	spid=$!
	sleep 0.5
	timeout $((secs + 30)) "$tsctp" -E "$e2" -U "$e1" -p "$port" \
		-l "$1" -T "$secs" 127.0.0.1 >"$tmp/tc.log" 2>&1
	sleep 1
	kill "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	spid=
	# Server line: length, sent, received msgs, bytes, seconds, bytes/s, ...
	line=$(grep -E '^[0-9]+, [0-9]+, [0-9]+, [0-9]+, ' "$tmp/ts.log" | tail -1)
	[ -n "$line" ] || { echo "-"; return; }
	echo "$line" | awk -F', ' '{ printf "%.0f %.4f\n", $3 / $5, $4 * 8 / $5 / 1e9 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

[ "${FSCTP_BENCH_ONLY:-}" = callgrind ] ||
	echo "fsctp-perf loopback (one lcore, two stacks, net_ring) vs usrsctp tsctp (UDP encapsulation, loopback), ${secs} s each"
[ "${FSCTP_BENCH_ONLY:-}" = callgrind ] ||
	printf "%-8s %14s %10s %6s %14s %10s %9s %9s\n" size fsctp_msg/s Gbit/s rtx usrsctp_msg/s Gbit/s ratio_msg ratio_Gb
for size in 100 1400 65536; do
	[ "${FSCTP_BENCH_ONLY:-}" = callgrind ] && break
	read -r fm fg fr <<<"$(fsctp_run $size)"
	u=$(tsctp_run $size)
	if [ "$u" = "-" ]; then
		um=-; ug=-
	else
		read -r um ug <<<"$u"
	fi
	printf "%-8s %14s %10s %6s %14s %10s %9s %9s\n" "$size" "$fm" "$fg" "${fr:-0}" \
		"$um" "$ug" "$(ratio "$fm" "$um")" "$(ratio "$fg" "$ug")"
done

if command -v valgrind >/dev/null; then
	ir() { # count
		# shellcheck disable=SC2086
		timeout 600 valgrind --tool=callgrind \
			--toggle-collect=fsctp_rt_lcore_rx_bulk \
			--toggle-collect=fsctp_rt_lcore_tx_burst \
			--toggle-collect=fsctp_stack_tx_resume \
			--toggle-collect=feed_all \
			--toggle-collect=feed_pending \
			--callgrind-out-file="$tmp/cg.$1" "$perf" loopback \
			-p "$prof" --size 100 --count "$1" --quiet $eal \
			>"$tmp/cg.$1.log" 2>&1 || { cat "$tmp/cg.$1.log" >&2; echo 0; return; }
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/cg.$1.log"
	}
	i1=$(ir 20000)
	i2=$(ir 60000)
	awk -v a="$i1" -v b="$i2" 'BEGIN {
		if (a > 0 && b > a)
			printf "callgrind: %.0f instructions per 100 B message (both stacks: RX with the inline callbacks that send, TX, resumed sends, the first fill; (Ir(60000) - Ir(20000)) / 40000)\n", (b - a) / 40000
		else
			print "callgrind: run failed (Ir " a ", " b ")" }'
	# Where the instructions go: each function's own instructions per
	# message, the same difference of the two runs, by library and the
	# top 15 functions.
	if [ -s "$tmp/cg.20000" ] && [ -s "$tmp/cg.60000" ]; then
		for n in 20000 60000; do
			callgrind_annotate --auto=no --threshold=100 "$tmp/cg.$n" 2>/dev/null |
				sed -n 's/^ *\([0-9,]*\) ([ 0-9.]*%) *\([^ ]*:[^ ]*\).*/\1 \2/p' |
				tr -d , >"$tmp/fn.$n"
		done
		awk 'NR == FNR { a[$2] += $1; next } { b[$2] += $1 }
		END {
			for (f in b) {
				d = (b[f] - a[f]) / 40000
				sub(/^.*\.\.\//, "", f)
				if (f ~ /lib\/sctp\//) lib = "protocol core (lib/sctp)"
				else if (f ~ /lib\/runtime\//) lib = "runtime (lib/runtime)"
				else if (f ~ /lib\/(api|net)\//) lib = "API and net (lib/api, lib/net)"
				else if (f ~ /app\//) lib = "fsctp-perf"
				else if (f ~ /libc|malloc|string/) lib = "libc"
				else lib = "DPDK and other"
				g[lib] += d
				printf "fn %9.1f %s\n", d, f
			}
			for (l in g) printf "lib %9.1f %s\n", g[l], l
		}' "$tmp/fn.20000" "$tmp/fn.60000" >"$tmp/fn.d"
		echo "instructions per message by part:"
		grep '^lib' "$tmp/fn.d" | sort -k2 -nr | awk '{ $1 = ""; printf "  %s\n", $0 }'
		echo "top functions (own instructions per message):"
		grep '^fn' "$tmp/fn.d" | sort -k2 -nr | head -15 |
			awk '{ $1 = ""; printf "  %s\n", $0 }'
	fi
else
	echo "callgrind: valgrind not installed (apt-get install valgrind)"
fi
