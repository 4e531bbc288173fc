#!/usr/bin/env bash
# Benchmark (not a test): PR-SCTP (RFC 3758 / RFC 7496) timed reliability
# under loss, in the deterministic simulator (fsctp-sim, the sans-I/O core
# of both ends, simulated links and time). Scenario pr-ttl100: every
# message with PR-SCTP TTL 100 ms, 5% random loss each way, RTT 50 ms,
# 400 messages of 1-1000 bytes client -> server (8 back) paced at one per
# 10 ms, default stack configuration (RTO.Min 1 s). Printed per order
# (ordered, unordered): messages sent, delivered, abandoned (SEND_FAILED
# with the abandoned flag; "both" were delivered and then abandoned by
# the sender before their SACK arrived), the delivery ratio and the
# send-to-delivery time percentiles of the delivered ones. The same seeds
# give the same figures on every machine.
#
#   bash scripts/bench-prsctp.sh [SEEDS]     (default 200 seeds per order)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${FSCTP_BUILD:-$top/build}
seeds=${1:-200}
sim=$build/app/fsctp-sim/fsctp-sim

[ -x "$sim" ] || { echo "fsctp-sim not built in $build"; exit 1; }
for order in o u; do
	spec=pr-ttl100:l1000:$order
	echo "== $spec, seeds 1-$seeds"
	"$sim" --scenario "$spec" --seed 1 --count "$seeds" --latency |
		sed -n '/ seeds, /,$p'
done
