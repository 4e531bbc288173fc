#!/usr/bin/env bash
# Benchmark of the runtime (not a test): the figures of the runtime issue,
# printed one per line, measured with fsctp-perf in this run:
#
#   memif      two processes over net_memif, one core each (server pinned
#              to CPU 0, client to CPU 1), pure polling: 100 B / 1400 B /
#              64 KiB on one association, 100 B on 1,000 associations,
#              request/response 100 B on one and on 1,000 associations
#              (default options on both sides)
#   loopback   one process on a ring pair: one fast-path lcore against two
#              (two queues per port, 64 associations, --run), WORKER mode
#              against INLINE, 100,000 associations (set-up rate, resident
#              bytes per association)
#
#   bash scripts/bench-runtime.sh [SECONDS]      (default 3 s per run)
#
# Needs a built tree (build/ or $FSCTP_BUILD). Every process gets its own
# --file-prefix and memif socket under a temporary directory.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FSCTP_BUILD:-$top/build}
secs=${1:-3}
perf=$build/app/fsctp-perf/fsctp-perf
tmp=$(mktemp -d /tmp/fsctp-benchrt.XXXXXX)
spid=
cleanup() {
	[ -n "$spid" ] && kill "$spid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
[ -x "$perf" ] || { echo "fsctp-perf not built in $build (ninja -C build)"; exit 1; }
quiet="--eal --log-level=lib.eal:warning --eal --log-level=fsctp.fastpath:warning"

# Profiles: the shipped memif pair, polling, pinned, a larger pool, a
# socket of our own; a ring pair with one and with two lcores.
mk() { # src dst cpu
	sed -e "s|^idle_sleep_us = .*|idle_sleep_us = 0|" \
		-e "s|^\(args = .*\)-m 256\(.*\)--file-prefix=[^ ]*|\1-m 512\2--file-prefix=fsctp-brt-$3-$$ --lcores=0@$3|" \
		-e "s|^mbufs = .*|mbufs = 16383|" \
		-e "s|socket=/tmp/fsctp-memif.sock|socket=$tmp/memif.sock|" \
		-e "s|^listen = .*|max_assocs = 2048|" "$1" >"$2"
}
mk "$top/drivers-config/memif-server.ini" "$tmp/srv.ini" 0
mk "$top/drivers-config/memif-client.ini" "$tmp/cli.ini" 1
sed -e "s|^idle_sleep_us = .*|idle_sleep_us = 0|" -e "s|^listen = .*|max_assocs = 2048|" \
	"$top/drivers-config/ring-pair.ini" >"$tmp/rp1.ini"
sed -e "s|^idle_sleep_us = .*|idle_sleep_us = 0|" \
	"$top/tests/unit/ring-pair-2lcore.ini" >"$tmp/rp2.ini"
# The set-up run is a load generator: its stacks answer INITs beyond the
# hardening default of 10,000 INIT ACKs per second ([sctp] reply_rate).
sed -e "s|^\[sctp\]|[sctp]\nreply_rate = 1000000\nreply_burst = 100000|" \
	"$tmp/rp1.ini" >"$tmp/rp1s.ini"

jget() { sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p" "$2"; }

memif() { # label client-args...
	local label=$1
	shift
	# shellcheck disable=SC2086
	"$perf" server -p "$tmp/srv.ini" --json $quiet >"$tmp/s.json" 2>"$tmp/s.err" &
	spid=$!
	sleep 1
	# shellcheck disable=SC2086
	timeout $((secs + 60)) "$perf" client -p "$tmp/cli.ini" \
		--connect 198.18.2.1:5001 --duration "$secs" --json $quiet "$@" \
		>"$tmp/c.json" 2>"$tmp/c.err"
	kill -INT "$spid" 2>/dev/null
	wait "$spid" 2>/dev/null
	spid=
	if ! grep -q msgs_per_s "$tmp/c.json"; then
		echo "$label: failed ($(tail -1 "$tmp/c.err"))"
		return
	fi
	printf "%-34s %12.0f msg/s %8.3f Gbit/s  rtx %s  dropped %s" "$label" \
		"$(jget msgs_per_s "$tmp/c.json")" "$(jget goodput_gbps "$tmp/c.json")" \
		"$(jget retransmissions "$tmp/c.json")" "$(jget frames_dropped "$tmp/c.json")"
	case " $* " in *" --rr "*)
		printf "  p50 %s us  p99 %s us" "$(jget lat_p50_us "$tmp/c.json")" \
			"$(jget lat_p99_us "$tmp/c.json")" ;;
	esac
	echo
}

loop() { # label profile args...
	local label=$1 prof=$2
	shift 2
	# shellcheck disable=SC2086
	timeout $((secs + 300)) "$perf" loopback -p "$prof" --duration "$secs" \
		--json $quiet "$@" >"$tmp/l.json" 2>"$tmp/l.err"
	if ! grep -q msgs_per_s "$tmp/l.json"; then
		echo "$label: failed ($(tail -1 "$tmp/l.err"))"
		return
	fi
	printf "%-34s %12.0f msg/s %8.3f Gbit/s  rtx %s  dropped %s  cycles/msg %s  setup %s/s  %s B/assoc\n" \
		"$label" "$(jget msgs_per_s "$tmp/l.json")" \
		"$(jget goodput_gbps "$tmp/l.json")" \
		"$(jget retransmissions "$tmp/l.json")" \
		"$(jget frames_dropped "$tmp/l.json")" \
		"$(jget tsc_cycles_per_msg "$tmp/l.json")" \
		"$(jget setup_per_s "$tmp/l.json")" \
		"$(jget bytes_per_assoc "$tmp/l.json")"
}

echo "machine: $(nproc) CPUs, $(sed -n 's/^model name.*: //p' /proc/cpuinfo | head -1); load $(cut -d' ' -f1-3 /proc/loadavg); ${secs} s per run"
memif "memif 100 B, 1 assoc" --size 100
memif "memif 1400 B, 1 assoc" --size 1400
memif "memif 64 KiB, 1 assoc" --size 65536
memif "memif 100 B, 1000 assocs" --size 100 --assocs 1000
# With the default 1 MiB send buffer, 1,000 associations buffer a gigabyte.
memif "memif 100 B, 1000 assocs, sndbuf 64K" --size 100 --assocs 1000 --sndbuf 65536
memif "memif rr 100 B, 1 assoc" --size 100 --rr
memif "memif rr 100 B, 1000 assocs" --size 100 --rr --assocs 1000
loop "loopback 100 B, 64 assocs, 1 lcore" "$tmp/rp1.ini" --size 100 --assocs 64 --run
loop "loopback 100 B, 64 assocs, 2 lcores" "$tmp/rp2.ini" --size 100 --assocs 64 --run
loop "loopback rr 100 B, 64 assocs, inline" "$tmp/rp1.ini" --size 100 --assocs 64 --rr
loop "loopback rr 100 B, 64 assocs, worker" "$tmp/rp1.ini" --size 100 --assocs 64 --rr --worker
loop "loopback 100,000 assocs (rate 100k/s)" "$tmp/rp1s.ini" --size 100 --assocs 100000 --rate 100000
