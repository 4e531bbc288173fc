#!/usr/bin/env bash
# fsctp-loadgen relay between two pairs, three processes on net_af_packet:
# an ASP (198.18.5.1) sends DATA for DPC 2002 to the relay (198.18.5.2),
# which routes DPC 2002 to its association with an SGP (198.18.5.3) and
# forwards each message unchanged. The three veth pairs meet on a bridge in
# a network namespace this test creates (and removes on every exit path);
# the bridge is captured and tshark's M3UA dissector decodes it: no
# malformed packet, and every DATA the ASP sent to the relay went on from
# the relay to the SGP with the same OPC, DPC, SI and SLS.
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-loadgen/fsctp-loadgen
scen=$top/app/fsctp-loadgen/scenarios
ns=fsctp-lgr-$$
names="loadgen-relay-veth loadgen-relay-veth-wire"
skip_all() {
	for n in $names; do echo "SKIP $n: $1"; done
	exit 0
}
[ -x "$bin" ] || skip_all "fsctp-loadgen not built in $build"
[ "$(id -u)" = 0 ] || skip_all "needs root for a network namespace"
command -v tshark >/dev/null || skip_all "tshark not installed"
command -v tcpdump >/dev/null || skip_all "tcpdump not installed"
dir=$(mktemp -d /tmp/fsctp-loadgen-relay.XXXXXX)
ip netns add "$ns" 2>/dev/null || { rm -rf "$dir"; skip_all "cannot create a network namespace"; }
pids=
cleanup() {
	for p in $pids; do kill -KILL "$p" 2>/dev/null; done
	ip netns del "$ns" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT
ip -n "$ns" link add lgbr type bridge
ip netns exec "$ns" sysctl -qw net.ipv6.conf.lgbr.disable_ipv6=1
for i in 1 2 3; do
	ip -n "$ns" link add "lgr$i" type veth peer name "lgr${i}b"
	for d in "lgr$i" "lgr${i}b"; do
		ip netns exec "$ns" sysctl -qw "net.ipv6.conf.$d.disable_ipv6=1"
	done
	ip -n "$ns" link set "lgr${i}b" master lgbr
	ip -n "$ns" link set "lgr${i}b" up
	ip -n "$ns" link set "lgr$i" up
	sed -e "s|iface=fsctpveth0|iface=lgr$i|" \
		-e "s|^ipv4 = .*|ipv4 = 198.18.5.$i/24|" -e "/^ipv6 = /d" \
		"$top/drivers-config/af-packet-veth.ini" >"$dir/p$i.ini"
done
ip -n "$ns" link set lgbr up

lg() { # name profile args...
	local name=$1 p=$2
	shift 2
	timeout 40 ip netns exec "$ns" "$bin" -s "$scen/m3ua-relay.ini" \
		-p "$dir/$p.ini" --eal "--file-prefix=fsctp-lgr-$name-$$" \
		--json "$dir/$name.json" "$@" >"$dir/$name.log" 2>&1
}
wait_for() { # file pattern
	for _ in $(seq 1 75); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.2
	done
	return 1
}

ip netns exec "$ns" tcpdump -i lgbr -s 0 -U -w "$dir/relay.pcap" sctp \
	2>"$dir/dump.log" &
dpid=$!
pids="$dpid"
lg sgp p3 --role sgp --max-time 25 &
spid=$!
pids="$pids $spid"
wait_for "$dir/sgp.log" listening
lg relay p2 --role relay --peer 198.18.5.3:2905 --max-time 25 &
rpid=$!
pids="$pids $rpid"
wait_for "$dir/relay.log" "associations ready"
lg asp p1 --role asp --peer 198.18.5.2:2905 --set general.duration=1 \
	--set general.rate=300
arc=$?
wait "$rpid"
rrc=$?
wait "$spid"
src=$?
sleep 0.5
kill -INT "$dpid" 2>/dev/null
wait "$dpid"
pids=
cat "$dir/asp.log" "$dir/relay.log" "$dir/sgp.log" "$dir/dump.log" >&2
echo "exit: asp $arc relay $rrc sgp $src" >&2

if [ "$arc" -eq 0 ] && [ "$rrc" -eq 0 ] && [ "$src" -eq 0 ] &&
	python3 - "$dir/asp.json" "$dir/relay.json" "$dir/sgp.json" <<'PY'
import json, sys
a, r, s = (json.load(open(f)) for f in sys.argv[1:4])
print("asp tx", a["tx_data"], "relayed", r["relayed"], "noroute",
      r["relay_noroute"], "sgp rx", s["rx_data"], file=sys.stderr)
sys.exit(0 if a["tx_data"] >= 300 and r["relayed"] == a["tx_data"] and
         s["rx_data"] == a["tx_data"] and r["relay_noroute"] == 0 else 1)
PY
then
	echo "PASS loadgen-relay-veth"
else
	echo "FAIL loadgen-relay-veth"
fi

# A capture is complete when tcpdump wrote every packet its filter took:
# stopped on a busy machine with packets unread, it has a hole at its end
# and proves nothing about the wire either way (reported as SKIP).
got=$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured$/\1/p' "$dir/dump.log")
took=$(sed -n 's/^\([0-9]*\) packets\{0,1\} received by filter$/\1/p' "$dir/dump.log")
if [ -z "$got" ] || [ "$got" != "$took" ]; then
	echo "SKIP loadgen-relay-veth-wire: capture incomplete ($got of $took packets written; tcpdump stopped with packets unread on a busy machine)"
	exit 0
fi
n=$(tshark -r "$dir/relay.pcap" -o sctp.checksum:CRC-32C -Y sctp 2>/dev/null | wc -l)
bad=$(tshark -r "$dir/relay.pcap" -o sctp.checksum:CRC-32C \
	-Y '_ws.malformed || sctp.checksum.status == 0' 2>/dev/null | wc -l)
echo "$n SCTP packets, $bad malformed or bad checksum" >&2
tshark -r "$dir/relay.pcap" -o sctp.checksum:CRC-32C -Y "m3ua.message_class == 1" \
	-T fields -E separator="|" -e ip.src -e ip.dst -e m3ua.message_class \
	-e m3ua.protocol_data_opc -e m3ua.protocol_data_dpc \
	-e m3ua.protocol_data_si -e m3ua.protocol_data_sls \
	>"$dir/relay.txt" 2>/dev/null
if [ "$n" -gt 0 ] && [ "$bad" -eq 0 ] && python3 - "$dir/relay.txt" <<'PY'
import collections, sys
legs = collections.defaultdict(collections.Counter)
for line in open(sys.argv[1]):
    src, dst, cls, opc, dpc, si, sls = line.rstrip("\n").split("|")
    cls = cls.split(",")
    vals = list(zip(*(v.split(",") for v in (opc, dpc, si, sls))))
    data = [i for i, c in enumerate(cls) if c == "1"]
    for k, _ in enumerate(data):
        legs[(src, dst)][vals[k]] += 1
first = legs[("198.18.5.1", "198.18.5.2")]
second = legs[("198.18.5.2", "198.18.5.3")]
print("ASP->relay", sum(first.values()), "relay->SGP", sum(second.values()),
      "other legs", [k for k in legs if k not in
                     (("198.18.5.1", "198.18.5.2"), ("198.18.5.2", "198.18.5.3"))],
      file=sys.stderr)
ok = (sum(first.values()) >= 300 and first == second and len(legs) == 2 and
      all(v[0] == "1001" and v[1] == "2002" and v[2] == "3" for v in first))
sys.exit(0 if ok else 1)
PY
then
	echo "PASS loadgen-relay-veth-wire"
else
	echo "FAIL loadgen-relay-veth-wire"
fi
exit 0
