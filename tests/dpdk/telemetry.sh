#!/usr/bin/env bash
# Telemetry endpoints: fsctp-fp on drivers-config/ring-pair.ini (one stack
# owning both ends of a ring pair) connects 198.18.0.1 -> 198.18.0.2, then
# /fsctp/stats, /fsctp/lcore,0, /fsctp/assocs and /fsctp/assoc,<id> are read
# over the telemetry socket; SIGTERM then shuts the associations down.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-fp/fsctp-fp
prefix=fsctp-tel-$$
log=$(mktemp /tmp/fsctp-tel.XXXXXX)
pid=
names="telemetry-stats telemetry-lcore telemetry-assocs telemetry-assoc telemetry-sigterm-shutdown telemetry-api-app"
skip_all() {
	for n in $names; do echo "SKIP $n: $1"; done
	rm -f "$log"
	exit 0
}
[ -x "$bin" ] || skip_all "fsctp-fp not built in $build"
command -v python3 >/dev/null || skip_all "python3 not installed"
cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	rm -f "$log"
}
trap cleanup EXIT

"$bin" -p "$top/drivers-config/ring-pair.ini" --seconds 30 \
	--connect 198.18.0.1:5000,198.18.0.2:36412 \
	--eal "--file-prefix=$prefix" >"$log" 2>&1 &
pid=$!
rundir=${XDG_RUNTIME_DIR:-/var/run}
[ "$(id -u)" = 0 ] && rundir=/var/run
sock=$rundir/dpdk/$prefix/dpdk_telemetry.v2
for _ in $(seq 1 50); do
	[ -S "$sock" ] && grep -q running "$log" && break
	sleep 0.2
done
sleep 0.5

# Query one command; print the JSON value of the command key.
q() {
	python3 - "$sock" "$1" <<'PY'
import json, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
s.connect(sys.argv[1])
s.recv(4096)
s.send(sys.argv[2].encode())
r = json.loads(s.recv(65536).decode())
print(json.dumps(list(r.values())[0]))
PY
}
result() { if [ "$2" -eq 0 ]; then echo "PASS $1"; else echo "FAIL $1"; fi; }

stats=$(q /fsctp/stats)
echo "stats: $stats" >&2
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d["assocs_up"]==2 and d["lcores"]==1 and d["net_arp_replies"]>=1 and d["rx_sctp"]>=4 else 1)' "$stats"
result telemetry-stats $?
lc=$(q /fsctp/lcore,0)
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d["index"]==0 and d["lcore_comm_up"]==2 and d["lcore_loops"]>0 else 1)' "$lc"
result telemetry-lcore $?
ids=$(q /fsctp/assocs)
echo "assocs: $ids" >&2
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if len(d)==2 else 1)' "$ids"
result telemetry-assocs $?
first=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])[0])' "$ids" 2>/dev/null)
one=$(q "/fsctp/assoc,${first:-0}")
echo "assoc: $one" >&2
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d["state"]=="ESTABLISHED" and d["id"]==int(sys.argv[2]) and d["pmtu"]>=576 and d["plpmtud"] in ("DISABLED","BASE","SEARCHING","SEARCH_COMPLETE","ERROR") else 1)' "$one" "${first:-0}"
result telemetry-assoc $?

kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
cat "$log" >&2
[ "$rc" -eq 0 ] && grep -q "comm_up 2 comm_down 2" "$log"
result telemetry-sigterm-shutdown $?

# An API application (fsctp-echo server, fsctp_rt and fsctp_sock) answers
# telemetry too: the one runtime, its lcores, the protocol counters.
echo_bin=$build/app/fsctp-echo/fsctp-echo
prefix=fsctp-tel-api-$$
"$echo_bin" server -p "$top/drivers-config/ring-pair.ini" --eal "--file-prefix=$prefix" \
	>"$log" 2>&1 &
pid=$!
sock=$rundir/dpdk/$prefix/dpdk_telemetry.v2
for _ in $(seq 1 50); do
	[ -S "$sock" ] && grep -q echoing "$log" && break
	sleep 0.2
done
stats=$(q /fsctp/stats 2>/dev/null)
echo "api stats: $stats" >&2
python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d and d["lcores"]==1 and "sctpCurrEstab" in d["sctp"] and d["lcore_loops"]>0 else 1)' "$stats" 2>/dev/null
result telemetry-api-app $?
kill -INT "$pid"
wait "$pid"
pid=
exit 0
