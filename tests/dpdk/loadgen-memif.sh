#!/usr/bin/env bash
# fsctp-loadgen between two processes over net_memif: an M3UA ASP process
# against an SGP process (DATA echoed), and a Diameter client process
# against a server process. The profiles are drivers-config/memif-*.ini
# with a socket path and EAL file prefixes of this test's own. Each run is
# one second of traffic; both sides' JSON summaries are checked.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-loadgen/fsctp-loadgen
scen=$top/app/fsctp-loadgen/scenarios
names="loadgen-memif-m3ua loadgen-memif-diameter"
if [ ! -x "$bin" ]; then
	for n in $names; do echo "SKIP $n: fsctp-loadgen not built in $build"; done
	exit 0
fi
dir=$(mktemp -d /tmp/fsctp-loadgen-memif.XXXXXX)
spid=
cleanup() {
	[ -n "$spid" ] && kill -KILL "$spid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
for side in server client; do
	sed -e "s|socket=[^,]*,|socket=$dir/memif.sock,|" \
		-e "s|--file-prefix=[^ ]*|--file-prefix=fsctp-lg-$side-$$|" \
		"$top/drivers-config/memif-$side.ini" >"$dir/$side.ini"
done

check() { # name json condition
	if [ -s "$2" ] && python3 -c "
import json, sys
j = json.load(open(sys.argv[1]))
sys.exit(0 if ($3) else 1)" "$2"; then
		return 0
	fi
	cat "$2" >&2 2>/dev/null
	return 1
}

pair() { # name scenario server-role port
	local name=$1 s=$2 role=$3 port=$4 crc src
	rm -f "$dir/memif.sock"
	timeout 40 "$bin" -s "$scen/$s" -p "$dir/server.ini" --role "$role" \
		--max-time 25 --json "$dir/$name-s.json" >"$dir/$name-s.log" 2>&1 &
	spid=$!
	for _ in $(seq 1 50); do
		grep -q listening "$dir/$name-s.log" && break
		sleep 0.2
	done
	# An answer may take up to 5 s (the scenarios say 1 s): two
	# processes polling on a busy machine are descheduled for longer, and
	# this test checks that nothing is lost, not the latency.
	timeout 30 "$bin" -s "$scen/$s" -p "$dir/client.ini" \
		--peer "198.18.2.1:$port" --set general.duration=1 \
		--set general.timeout_ms=5000 \
		--json "$dir/$name-c.json" >"$dir/$name-c.log" 2>&1
	crc=$?
	wait "$spid"
	src=$?
	spid=
	cat "$dir/$name-c.log" "$dir/$name-s.log" >&2
	echo "$name: client exit $crc, server exit $src" >&2
	[ "$crc" -eq 0 ] && [ "$src" -eq 0 ]
}

if pair loadgen-memif-m3ua m3ua-asp.ini sgp 2905 &&
	check x "$dir/loadgen-memif-m3ua-c.json" \
		'j["assocs_up"] == 4 and j["assocs_closed"] == 4 and
		 j["tx_data"] > 100 and j["rx_data"] == j["tx_data"] and
		 j["timeouts"] == 0 and j["m3ua_err_received"] == 0' &&
	check x "$dir/loadgen-memif-m3ua-s.json" \
		'j["assocs_up"] == 4 and j["assocs_closed"] == 4 and
		 j["rx_data"] == j["tx_data"] and
		 j["m3ua_err_sent"] == 0 and j["m3ua_malformed"] == 0'; then
	echo "PASS loadgen-memif-m3ua"
else
	echo "FAIL loadgen-memif-m3ua"
fi

if pair loadgen-memif-diameter diameter-client.ini dia-server 3868 &&
	check x "$dir/loadgen-memif-diameter-c.json" \
		'j["assocs_up"] == 2 and j["assocs_closed"] == 2 and
		 j["tx_requests"] > 100 and j["rx_answers"] == j["tx_requests"] and
		 j["answer_errors"] == 0 and j["timeouts"] == 0' &&
	check x "$dir/loadgen-memif-diameter-s.json" \
		'j["assocs_up"] == 2 and j["assocs_closed"] == 2 and
		 j["tx_answers"] == j["rx_requests"] and
		 j["diameter_error_answers"] == 0'; then
	echo "PASS loadgen-memif-diameter"
else
	echo "FAIL loadgen-memif-diameter"
fi
exit 0
