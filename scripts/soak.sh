#!/usr/bin/env bash
# The soak (issue 14): long runs that show the stack gives back all it
# takes from hostile peers and from association churn.
#
#   soak-sim          fsctp-sim's hostile scenarios (valid-CRC garbage,
#                     corruption, spoofed INITs / random tags / cookie
#                     replays, restarts, collisions, paths lost for good,
#                     duplicates, reordering, heavy loss; not the known
#                     failure mtu-blackhole) over many seeds; a seed passes
#                     only when both hosts end with no association and no
#                     message held (tests/sim/harness/sim_runner.cc).
#   soak-perf-1lcore  fsctp-perf loopback --rounds: many associations open,
#   soak-perf-2lcore  carry data and close, again and again, in one process
#                     (one fast-path lcore, then two with steering); after
#                     every round no association is established, no mbuf is
#                     in use in any mempool and each round delivered what
#                     was sent; the resident set stays flat.
#
# Runs only with FSCTP_SOAK=1 (otherwise every case is SKIPPED, naming the
# reason). Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
#
# Environment:
#   FSCTP_SOAK=1            run at all
#   FSCTP_SOAK_SECONDS      total length, default 180 (half simulation, half
#                           runtime); an hour: 3600
#   FSCTP_SOAK_SEED         first simulation seed, default 1000
#   FSCTP_SOAK_ASSOCS       associations per fsctp-perf round, default 200
#   FSCTP_BUILD             build directory (or the first argument)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${FSCTP_BUILD:-build}}
case $build in /*) ;; *) build=$top/$build ;; esac
sim=$build/app/fsctp-sim/fsctp-sim
perf=$build/app/fsctp-perf/fsctp-perf
names="soak-sim soak-perf-1lcore soak-perf-2lcore"

if [ "${FSCTP_SOAK:-0}" != 1 ]; then
	for n in $names; do
		echo "SKIP $n: a long run, only with FSCTP_SOAK=1 (length FSCTP_SOAK_SECONDS, default 180)"
	done
	exit 0
fi

secs=${FSCTP_SOAK_SECONDS:-180}
seed=${FSCTP_SOAK_SEED:-1000}
assocs=${FSCTP_SOAK_ASSOCS:-200}
case "$secs$seed$assocs" in *[!0-9]*)
	for n in $names; do
		echo "FAIL $n: FSCTP_SOAK_SECONDS, FSCTP_SOAK_SEED and FSCTP_SOAK_ASSOCS must be numbers"
	done
	exit 0
	;;
esac
[ "$secs" -ge 20 ] || secs=20
log=$(mktemp /tmp/fsctp-soak.XXXXXX)
trap 'rm -f "$log"' EXIT

# ---- simulation: hostile scenarios, seeds in chunks, until half the time
# is spent.
soak_sim() {
	local end=$(($(date +%s) + secs / 2)) s=$seed chunk=20 n=0 bad=0 t0
	local scen="garbage garbage:s2:o:l9000 garbage:s4:m ctl-garbage attack
ctl-attack corrupt ctl-corrupt restart ctl-restart collision all-down
dup reorder loss-20"
	if [ ! -x "$sim" ]; then
		echo "SKIP soak-sim: fsctp-sim not built in $build"
		return
	fi
	t0=$(date +%s)
	while [ "$(date +%s)" -lt "$end" ]; do
		for sc in $scen; do
			timeout 600 "$sim" --scenario "$sc" --seed "$s" \
				--count "$chunk" >"$log" 2>&1
			local rc=$?
			n=$((n + chunk))
			if [ "$rc" -ne 0 ]; then
				bad=$((bad + 1))
				# The failing seeds, each with its replay.
				grep -v ': PASS ' "$log" | grep ' seed [0-9]*: ' |
					head -5 |
					sed "s|^\([^ ]*\) seed \([0-9]*\): \(.*\)|  fsctp-sim --scenario \1 --seed \2: \3|"
			fi
			[ "$(date +%s)" -lt "$end" ] || break
		done
		s=$((s + chunk))
	done
	if [ "$bad" -eq 0 ] && [ "$n" -gt 0 ]; then
		echo "PASS soak-sim: $n runs (seeds $seed..$((s - 1)) of 15 hostile scenarios) in $(($(date +%s) - t0)) s, every one ended with no association and no message held"
	else
		echo "FAIL soak-sim: $bad chunks of $chunk seeds failed of $n runs (replay lines above)"
	fi
}

# ---- runtime: association churn in one process.
soak_perf() { # name profile seconds
	local name=$1 profile=$2 budget=$3 rounds rc
	if [ ! -x "$perf" ]; then
		echo "SKIP $name: fsctp-perf not built in $build"
		return
	fi
	# A round: set-up, 0.5 s of data, the graceful close (about 2 s).
	rounds=$((budget / 2))
	[ "$rounds" -ge 3 ] || rounds=3
	timeout $((budget * 3 + 60)) "$perf" loopback -p "$profile" \
		--rounds "$rounds" --assocs "$assocs" --duration 0.5 --quiet \
		--size 1000 >"$log" 2>&1
	rc=$?
	local lines rss1 rssn base n_bad sent rcvd
	lines=$(grep -c '^round [0-9]*:' "$log")
	base=$(sed -n 's/^round 0: .*mbufs in use \([0-9]*\),.*/\1/p' "$log")
	# After every round: nothing established, the mbufs of round 0.
	n_bad=$(grep '^round [0-9]*:' "$log" |
		grep -vc "established client 0 server 0, mbufs in use ${base:-x},")
	sent=$(grep '^client sent ' "$log" | awk '{print $3}' | tr '\n' ' ')
	rcvd=$(grep '^server received ' "$log" | awk '{print $3}' | tr '\n' ' ')
	rss1=$(sed -n 's/^round 1: .*rss \([0-9]*\) kB/\1/p' "$log")
	rssn=$(grep '^round [0-9]*:' "$log" | tail -1 | sed -n 's/.*rss \([0-9]*\) kB/\1/p')
	grep '^round [0-9]*:' "$log" | sed -n '1,3p;$p' | sed 's/^/  /'
	if [ "$rc" -eq 0 ] && [ "$lines" -eq $((rounds + 1)) ] &&
		[ "$n_bad" -eq 0 ] && [ -n "$sent" ] && [ "$sent" = "$rcvd" ] &&
		[ -n "$rss1" ] && [ -n "$rssn" ] &&
		[ "$rssn" -le $((rss1 + rss1 / 20)) ]; then
		echo "PASS $name: $rounds rounds of $assocs associations: after each, 0 established and $base mbufs in use; resident $rss1 kB after round 1, $rssn kB after round $rounds"
	else
		tail -20 "$log" | sed 's/^/  /'
		echo "FAIL $name: rc=$rc, $lines of $((rounds + 1)) round lines, $n_bad not back to empty, resident $rss1 -> $rssn kB (5% allowed)"
	fi
}

soak_sim
soak_perf soak-perf-1lcore "$top/drivers-config/ring-pair.ini" $((secs / 4))
soak_perf soak-perf-2lcore "$top/tests/unit/ring-pair-2lcore.ini" $((secs / 4))
exit 0
