#!/usr/bin/env bash
# fsctp-loadgen in one process over a net_ring pair (ring-pair.ini, --loop):
# M3UA ASP against SGP (ASP Up / Active, DATA echoed, latency), Diameter
# client against server (CER/CEA, requests matched by hop-by-hop id,
# DPR/DPA), and ASP -> relay -> SGP (DATA routed by DPC). Each run is one
# second of traffic; its JSON summary is checked. A peer sending broken
# messages on purpose (corrupt_every) gets M3UA ERR / Diameter error
# answers, counted on both sides. Bad scenarios must stop with a message
# naming the section and key.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-loadgen/fsctp-loadgen
scen=$top/app/fsctp-loadgen/scenarios
names="loadgen-ring-m3ua loadgen-ring-payload-file loadgen-ring-diameter loadgen-ring-relay loadgen-ring-m3ua-err loadgen-ring-diameter-err loadgen-bad-scenario"
if [ ! -x "$bin" ]; then
	for n in $names; do echo "SKIP $n: fsctp-loadgen not built in $build"; done
	exit 0
fi
dir=$(mktemp -d /tmp/fsctp-loadgen-ring.XXXXXX)
trap 'rm -rf "$dir"' EXIT

# check NAME JSONFILE PYTHON-CONDITION (j is the summary object)
check() {
	local name=$1 json=$2 cond=$3
	if [ -s "$json" ] && python3 -c "
import json, sys
j = json.load(open(sys.argv[1]))
sys.exit(0 if ($cond) else 1)" "$json"; then
		echo "PASS $name"
	else
		echo "FAIL $name"
		cat "$json" >&2
	fi
}

run() { # name scenario extra-args...
	local name=$1 s=$2
	shift 2
	timeout 30 "$bin" -s "$scen/$s" -p "$top/drivers-config/ring-pair.ini" \
		--loop --set general.duration=1 --json "$dir/$name.json" \
		--csv "$dir/$name.csv" --eal --file-prefix="fsctp-lg-ring-$$" \
		"$@" >"$dir/$name.log" 2>&1
	local rc=$?
	cat "$dir/$name.log" >&2
	[ "$rc" -eq 0 ] || { echo "$name: exit $rc" >&2; : >"$dir/$name.json"; }
}

# M3UA: 4 ASPs at 1000 DATA/s each, every DATA echoed and timed.
run loadgen-ring-m3ua m3ua-asp.ini
check loadgen-ring-m3ua "$dir/loadgen-ring-m3ua.json" \
	'j["assocs_up"] == 8 and j["assocs_closed"] == 8 and
	 j["tx_data"] >= 7000 and j["rx_data"] == j["tx_data"] and
	 j["latency_us"]["samples"] * 2 == j["tx_data"] and
	 j["timeouts"] == 0 and j["m3ua_err_sent"] == 0 and
	 j["tx_mgmt"] >= 4 * 3 + 4 * 4 and
	 j["latency_us"]["p50"] > 0'
# The CSV has a header and a row per second.
if [ "$(grep -c . "$dir/loadgen-ring-m3ua.csv" 2>/dev/null)" -ge 2 ]; then
	: ok
else
	echo "FAIL loadgen-ring-m3ua: no CSV rows" && exit 0
fi

# DATA payload taken from a file (100 bytes), 2 associations.
head -c 100 /dev/urandom >"$dir/payload.bin"
run loadgen-ring-payload-file m3ua-asp.ini --set "m3ua.payload_file=$dir/payload.bin" \
	--set assoc.count=2
check loadgen-ring-payload-file "$dir/loadgen-ring-payload-file.json" \
	'j["assocs_closed"] == 4 and j["tx_data"] >= 3000 and
	 j["rx_data"] == j["tx_data"] and j["timeouts"] == 0'

# Diameter: every request answered, ids matched (a mismatch would leave
# requests outstanding and time out).
run loadgen-ring-diameter diameter-client.ini --set general.rate=2000
check loadgen-ring-diameter "$dir/loadgen-ring-diameter.json" \
	'j["assocs_up"] == 4 and j["assocs_closed"] == 4 and
	 j["tx_requests"] >= 3000 and j["rx_answers"] == j["tx_requests"] and
	 j["answer_errors"] == 0 and j["timeouts"] == 0 and
	 j["latency_us"]["samples"] == j["rx_answers"] and
	 j["diameter_error_answers"] == 0'

# Relay: DATA for DPC 2002 goes out on the relay's first downstream
# association, unchanged; the final SGP receives every one.
run loadgen-ring-relay m3ua-relay.ini
check loadgen-ring-relay "$dir/loadgen-ring-relay.json" \
	'j["relayed"] >= 3000 and j["relay_noroute"] == 0 and
	 j["rx_data"] == 2 * j["relayed"] and j["assocs_closed"] == 8'

# Every 10th DATA with version 2: the SGP answers each with ERR (Invalid
# Version), the ASP counts them; the run reports failure (exit 1).
errrun() { # name scenario args...
	local name=$1 s=$2
	shift 2
	timeout 30 "$bin" -s "$scen/$s" -p "$top/drivers-config/ring-pair.ini" \
		--loop --set general.duration=1 --json "$dir/$name.json" \
		--eal --file-prefix="fsctp-lg-ring-$$" "$@" >"$dir/$name.log" 2>&1
	local rc=$?
	cat "$dir/$name.log" >&2
	[ "$rc" -eq 1 ] || { echo "$name: exit $rc, not 1" >&2; : >"$dir/$name.json"; }
}
errrun loadgen-ring-m3ua-err m3ua-asp.ini --set m3ua.echo=no \
	--set m3ua.corrupt_every=10
check loadgen-ring-m3ua-err "$dir/loadgen-ring-m3ua-err.json" \
	'j["corrupted_sent"] >= 300 and
	 j["m3ua_err_sent"] == j["corrupted_sent"] and
	 j["m3ua_malformed"] == j["corrupted_sent"] and
	 j["m3ua_err_received"] == j["corrupted_sent"] and
	 j["rx_data"] == j["tx_data"] - j["corrupted_sent"] and
	 j["assocs_closed"] == 8'
# Every 10th request with a reserved header bit: answered 3008 with the E
# bit (matched by hop-by-hop id like any answer).
errrun loadgen-ring-diameter-err diameter-client.ini --set general.rate=1000 \
	--set diameter.corrupt_every=10
check loadgen-ring-diameter-err "$dir/loadgen-ring-diameter-err.json" \
	'j["corrupted_sent"] >= 150 and
	 j["answer_errors"] == j["corrupted_sent"] and
	 j["diameter_error_answers"] == j["corrupted_sent"] and
	 j["rx_answers"] == j["tx_requests"] and j["timeouts"] == 0 and
	 j["assocs_closed"] == 4'

# Bad scenarios: exit 2 and the key named, before any EAL start.
printf '[m3ua]\ndpc = 99999999\n' >"$dir/bad1.ini"
printf '[assoc]\ncuont = 3\n' >"$dir/bad2.ini"
ok=1
"$bin" -s "$dir/bad1.ini" >"$dir/bad1.log" 2>&1
[ $? -eq 2 ] && grep -q "\[m3ua\] dpc: bad value (0..16777215) '99999999'" "$dir/bad1.log" || ok=0
"$bin" -s "$dir/bad2.ini" >"$dir/bad2.log" 2>&1
[ $? -eq 2 ] && grep -q "\[assoc\] cuont: unknown key" "$dir/bad2.log" || ok=0
"$bin" -s "$scen/m3ua-asp.ini" --set m3ua.size=1 >"$dir/bad3.log" 2>&1
[ $? -eq 2 ] && grep -q "\[m3ua\] size: bad value (8..65000) '1'" "$dir/bad3.log" || ok=0
"$bin" -s "$scen/m3ua-asp.ini" --set m3ua.payload_file=/nonexistent >"$dir/bad4.log" 2>&1
[ $? -eq 2 ] && grep -q "\[m3ua\] payload_file: cannot read '/nonexistent'" "$dir/bad4.log" || ok=0
cat "$dir"/bad*.log >&2
[ "$ok" -eq 1 ] && echo "PASS loadgen-bad-scenario" || echo "FAIL loadgen-bad-scenario"
exit 0
