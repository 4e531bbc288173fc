#!/usr/bin/env bash
# fsctp-perf loopback (two stacks in one process over a ring pair) for a
# few seconds: the bytes and messages the client sent must equal what the
# server received after the graceful close, for bulk, several
# associations/streams/unordered, and request/response.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-perf/fsctp-perf
names="perf-loopback-bulk perf-loopback-multi perf-loopback-rr perf-help
perf-bad-assocs"
if [ ! -x "$bin" ]; then
	for n in $names; do echo "SKIP $n: fsctp-perf not built in $build"; done
	exit 0
fi
log=$(mktemp /tmp/fsctp-perf.XXXXXX)
trap 'rm -f "$log"' EXIT

check() { # name args...
	local name=$1 rc sent rcvd
	shift
	timeout 60 "$bin" loopback -p "$top/drivers-config/ring-pair.ini" \
		"$@" >"$log" 2>&1
	rc=$?
	cat "$log" >&2
	sent=$(sed -n 's/^client sent \([0-9]*\) msgs \([0-9]*\) bytes$/\1 \2/p' "$log")
	rcvd=$(sed -n 's/^server received \([0-9]*\) msgs \([0-9]*\) bytes$/\1 \2/p' "$log")
	if [ "$rc" -eq 0 ] && [ -n "$sent" ] && [ "$sent" = "$rcvd" ] &&
		[ "${sent%% *}" -gt 0 ] && grep -q "^summary:" "$log"; then
		echo "PASS $name"
	else
		echo "FAIL $name (rc=$rc sent='$sent' received='$rcvd')"
	fi
}

check perf-loopback-bulk --duration 2 --size 1400
check perf-loopback-multi --duration 2 --size 3000 --assocs 4 --streams 3 --unordered
check perf-loopback-rr --duration 1 --size 64 --rr

# --help is no mode; a bad --assocs is named as such (not "--rr needs
# --size >= 8"), before the EAL starts.
out=$("$bin" --help 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -q "^usage: fsctp-perf"; then
	echo "PASS perf-help"
else
	echo "FAIL perf-help: exit $rc"
fi
out=$("$bin" loopback --assocs 2000000 2>&1)
rc=$?
if [ "$rc" -eq 2 ] && printf '%s\n' "$out" | grep -q -- "--assocs must be" &&
	! printf '%s\n' "$out" | grep -q "EAL"; then
	echo "PASS perf-bad-assocs"
else
	echo "FAIL perf-bad-assocs: exit $rc: $out"
fi
exit 0
