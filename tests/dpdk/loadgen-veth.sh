#!/usr/bin/env bash
# fsctp-loadgen between two processes over net_af_packet on the two ends of
# a veth pair inside a network namespace this test creates (and removes on
# every exit path). tcpdump captures one end; tshark's own M3UA and
# Diameter dissectors decode every packet: no malformed packet, no bad
# SCTP checksum, and the decoded fields match the scenario (OPC, DPC, SI,
# SLS spread and the stream each SLS maps to; Diameter command codes and
# every request's hop-by-hop / end-to-end ids answered once).
# Prints PASS/FAIL/SKIP lines (scripts/lib/testlib.sh).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${FSCTP_BUILD:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
bin=$build/app/fsctp-loadgen/fsctp-loadgen
scen=$top/app/fsctp-loadgen/scenarios
ns=fsctp-lgv-$$
names="loadgen-veth-m3ua loadgen-veth-m3ua-wire loadgen-veth-diameter loadgen-veth-diameter-wire"
skip_all() {
	for n in $names; do echo "SKIP $n: $1"; done
	exit 0
}
[ -x "$bin" ] || skip_all "fsctp-loadgen not built in $build"
[ "$(id -u)" = 0 ] || skip_all "needs root for a network namespace"
command -v tshark >/dev/null || skip_all "tshark not installed"
command -v tcpdump >/dev/null || skip_all "tcpdump not installed"
dir=$(mktemp -d /tmp/fsctp-loadgen-veth.XXXXXX)
ip netns add "$ns" 2>/dev/null || { rm -rf "$dir"; skip_all "cannot create a network namespace"; }
spid=
dpid=
cleanup() {
	[ -n "$spid" ] && kill -KILL "$spid" 2>/dev/null
	[ -n "$dpid" ] && kill -KILL "$dpid" 2>/dev/null
	ip netns del "$ns" 2>/dev/null
	[ -n "${LG_KEEP:-}" ] && cp "$dir"/*.pcap "$LG_KEEP"/ 2>/dev/null; rm -rf "$dir"
}
trap cleanup EXIT
ip -n "$ns" link add lgveth0 type veth peer name lgveth1
for i in 0 1; do
	ip netns exec "$ns" sysctl -qw "net.ipv6.conf.lgveth$i.disable_ipv6=1"
	ip -n "$ns" link set "lgveth$i" up
done
for i in 0 1; do
	sed -e "s|iface=fsctpveth0|iface=lgveth$i|" \
		-e "s|^ipv4 = .*|ipv4 = 198.18.4.$((i + 1))/24|" \
		-e "/^ipv6 = /d" \
		"$top/drivers-config/af-packet-veth.ini" >"$dir/p$i.ini"
done

# pair NAME SCENARIO SERVER-ROLE PORT: server on lgveth0, client on
# lgveth1. The capture takes every interface: net_af_packet sends past
# the taps of its own interface, so each frame is seen once, arriving at
# the other end.
pair() {
	local name=$1 s=$2 role=$3 port=$4 crc src
	ip netns exec "$ns" tcpdump -i any -s 0 -U -w "$dir/$name.pcap" \
		sctp 2>"$dir/$name-dump.log" &
	dpid=$!
	timeout 40 ip netns exec "$ns" "$bin" -s "$scen/$s" -p "$dir/p0.ini" \
		--role "$role" --max-time 25 --json "$dir/$name-s.json" \
		--eal "--file-prefix=fsctp-lgv-s-$$" >"$dir/$name-s.log" 2>&1 &
	spid=$!
	for _ in $(seq 1 50); do
		grep -q listening "$dir/$name-s.log" && break
		sleep 0.2
	done
	sleep 0.5 # tcpdump is listening too
	timeout 30 ip netns exec "$ns" "$bin" -s "$scen/$s" -p "$dir/p1.ini" \
		--peer "198.18.4.1:$port" --set general.duration=1 \
		--set general.rate=300 --json "$dir/$name-c.json" \
		--eal "--file-prefix=fsctp-lgv-c-$$" >"$dir/$name-c.log" 2>&1
	crc=$?
	wait "$spid"
	src=$?
	spid=
	sleep 0.5
	kill -INT "$dpid" 2>/dev/null
	wait "$dpid"
	dpid=
	cat "$dir/$name-c.log" "$dir/$name-s.log" "$dir/$name-dump.log" >&2
	echo "$name: client exit $crc, server exit $src" >&2
	[ "$crc" -eq 0 ] && [ "$src" -eq 0 ]
}

# A capture is complete when tcpdump wrote every packet its filter took:
# on a busy machine it may be stopped with packets still unread, and a
# capture with a hole at its end proves nothing about the wire either way.
complete() { # NAME
	local got took
	got=$(sed -n 's/^\([0-9]*\) packets\{0,1\} captured$/\1/p' "$dir/$1-dump.log")
	took=$(sed -n 's/^\([0-9]*\) packets\{0,1\} received by filter$/\1/p' "$dir/$1-dump.log")
	[ -n "$got" ] && [ "$got" = "$took" ]
}

# pair, once more when the capture came out incomplete; cap_note says
# why a wire check is skipped when it is incomplete again.
cap_note=
pair_twice() {
	local rc
	pair "$@"
	rc=$?
	cap_note=
	if ! complete "$1"; then
		echo "$1: capture incomplete, running the pair again" >&2
		pair "$@"
		rc=$?
		complete "$1" || cap_note="capture incomplete twice (tcpdump stopped with packets unread on a busy machine)"
	fi
	return $rc
}

# No malformed packet and no bad CRC32c anywhere in a capture.
clean() {
	local n bad
	n=$(tshark -r "$1" -o sctp.checksum:CRC-32C -Y sctp 2>/dev/null | wc -l)
	bad=$(tshark -r "$1" -o sctp.checksum:CRC-32C \
		-Y '_ws.malformed || sctp.checksum.status == 0' 2>/dev/null | wc -l)
	echo "$1: $n SCTP packets, $bad malformed or bad checksum" >&2
	[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
}

if pair_twice m3ua m3ua-asp.ini sgp 2905; then
	echo "PASS loadgen-veth-m3ua"
else
	echo "FAIL loadgen-veth-m3ua"
fi
# Every M3UA message the dissector sees: class, type, the Protocol Data
# fields and the SCTP stream of the DATA chunk carrying it.
tshark -r "$dir/m3ua.pcap" -o sctp.checksum:CRC-32C -Y m3ua -T fields \
	-E separator="|" -e ip.src -e m3ua.message_class -e m3ua.message_type \
	-e m3ua.protocol_data_opc -e m3ua.protocol_data_dpc \
	-e m3ua.protocol_data_si -e m3ua.protocol_data_sls \
	-e sctp.data_sid -e sctp.data_payload_proto_id \
	>"$dir/m3ua.txt" 2>/dev/null
m3ua_note=$cap_note
if [ -n "$m3ua_note" ]; then
	: # reported below
elif clean "$dir/m3ua.pcap" && python3 - "$dir/m3ua.txt" <<'PY'
import sys
# Fields of one packet, each a comma list with one value per message
# (per DATA chunk for the SCTP fields).
cnt = {}
sls_seen = set()
ok = True
for line in open(sys.argv[1]):
    src, cls, typ, opc, dpc, si, sls, sid, ppid = line.rstrip("\n").split("|")
    cls, typ = cls.split(","), typ.split(",")
    sids, ppids = sid.split(","), ppid.split(",")
    if len(cls) != len(sids) or any(p != "3" for p in ppids):
        print("bad PPID/stream list", line, file=sys.stderr); ok = False
        continue
    data = [i for i, c in enumerate(cls) if c == "1"]
    opcs, dpcs, sis, slss = (v.split(",") if v else [] for v in (opc, dpc, si, sls))
    for k, i in enumerate(data):
        o, d, s, l = int(opcs[k]), int(dpcs[k]), int(sis[k]), int(slss[k])
        want = (1001, 2002) if src == "198.18.4.2" else (2002, 1001)
        # RFC 4666 1.4.7: DATA by SLS on streams 1..15, never stream 0.
        if (o, d) != want or s != 3 or int(sids[i], 0) != 1 + l % 15:
            print("bad DATA", src, o, d, s, l, sids[i], file=sys.stderr); ok = False
        sls_seen.add(l)
    for i, c in enumerate(cls):
        if c != "1" and int(sids[i], 0) != 0:
            print("management off stream 0", line, file=sys.stderr); ok = False
        cnt[(c, typ[i])] = cnt.get((c, typ[i]), 0) + 1
print("M3UA messages by (class, type):", sorted(cnt.items()), file=sys.stderr)
# 4 associations: ASPUP, ASPUP_ACK, ASPAC, ASPAC_ACK, NTFY, ASPDN, ASPDN_ACK.
for k in [("3", "1"), ("3", "4"), ("4", "1"), ("4", "3"), ("0", "1"), ("3", "2"), ("3", "5")]:
    if cnt.get(k) != 4:
        print("expected 4 of", k, "got", cnt.get(k), file=sys.stderr); ok = False
if cnt.get(("0", "0")):
    print("ERR on the wire", file=sys.stderr); ok = False
if sls_seen != set(range(16)) or cnt.get(("1", "1"), 0) < 200:
    print("SLS spread", sorted(sls_seen), file=sys.stderr); ok = False
sys.exit(0 if ok else 1)
PY
then
	echo "PASS loadgen-veth-m3ua-wire"
else
	echo "FAIL loadgen-veth-m3ua-wire"
fi
[ -z "$m3ua_note" ] || echo "SKIP loadgen-veth-m3ua-wire: $m3ua_note"

if pair_twice diameter diameter-client.ini dia-server 3868; then
	echo "PASS loadgen-veth-diameter"
else
	echo "FAIL loadgen-veth-diameter"
fi
tshark -r "$dir/diameter.pcap" -o sctp.checksum:CRC-32C -Y diameter -T fields \
	-E separator="|" -e ip.src -e diameter.cmd.code -e diameter.flags.request \
	-e diameter.hopbyhopid -e diameter.endtoendid -e diameter.applicationId \
	-e sctp.data_payload_proto_id >"$dir/diameter.txt" 2>/dev/null
dia_note=$cap_note
if [ -n "$dia_note" ]; then
	: # reported below
elif clean "$dir/diameter.pcap" && python3 - "$dir/diameter.txt" <<'PY'
import sys
req, ans = {}, {}
codes = set()
ok = True
for line in open(sys.argv[1]):
    src, code, rflag, hbh, e2e, app, ppid = line.rstrip("\n").split("|")
    code, rflag = code.split(","), rflag.split(",")
    hbh, e2e = hbh.split(","), e2e.split(",")
    if any(p != "46" for p in ppid.split(",")):
        print("PPID not 46", line, file=sys.stderr); ok = False
    for i, c in enumerate(code):
        key = (c, int(hbh[i], 0), int(e2e[i], 0))
        codes.add(int(c))
        is_req = rflag[i] in ("1", "True")
        d = req if is_req else ans
        if key in d:
            print("duplicate", "request" if is_req else "answer", key, file=sys.stderr); ok = False
        d[key] = src
print(len(req), "requests,", len(ans), "answers, commands", sorted(codes), file=sys.stderr)
if set(req) != set(ans):
    print("unmatched ids:", list(set(req) ^ set(ans))[:5], file=sys.stderr); ok = False
n272 = sum(1 for k in req if k[0] == "272")
# CER/CEA, DWR/DWA (watchdog 1 s), DPR/DPA and Credit-Control.
if not {257, 272, 280, 282} <= codes or n272 < 200:
    print("commands seen", sorted(codes), "CCR", n272, file=sys.stderr); ok = False
if any(src != "198.18.4.2" for k, src in req.items() if k[0] == "272"):
    print("CCR from the wrong side", file=sys.stderr); ok = False
sys.exit(0 if ok else 1)
PY
then
	echo "PASS loadgen-veth-diameter-wire"
elif [ -z "$dia_note" ]; then
	echo "FAIL loadgen-veth-diameter-wire"
fi
[ -z "$dia_note" ] || echo "SKIP loadgen-veth-diameter-wire: $dia_note"
exit 0
