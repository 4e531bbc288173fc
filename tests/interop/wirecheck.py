#!/usr/bin/env python3
"""Check an SCTP capture with Wireshark's dissector (tshark).

Fails (exit 1) when any packet is malformed, any SCTP checksum is bad, or an
association that came up (COOKIE ACK seen) did not end with SHUTDOWN COMPLETE
or ABORT. With --allow-open, associations still open at the end are only
reported. --decode=udp.port==9899,sctp decodes SCTP carried in UDP (RFC
6951); --udp-from=ADDR then also fails on a bad UDP checksum in a datagram
from ADDR (the sender whose checksums are final on the wire: a kernel's may
be left to offload). Prints one summary line.

Usage: wirecheck.py [--allow-open] [--decode=RULE] [--udp-from=ADDR] CAPTURE
"""
import subprocess
import sys

DECODE = []  # tshark -d and -o arguments from --decode


def tshark(pcap, fields, display_filter=None):
    cmd = ["tshark", "-r", pcap] + DECODE + [
           "-o", "sctp.checksum:CRC-32C", "-T", "fields",
           "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"]
    for f in fields:
        cmd += ["-e", f]
    if display_filter:
        cmd += ["-Y", display_filter]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return [line.split("|") for line in out.splitlines() if line.strip()]


def main(argv):
    allow_open = "--allow-open" in argv
    udp_from = None
    for a in argv:
        if a.startswith("--decode="):
            DECODE.extend(["-d", a[len("--decode="):],
                           "-o", "udp.check_checksum:TRUE"])
        if a.startswith("--udp-from="):
            udp_from = a[len("--udp-from="):]
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1:
        print(__doc__)
        return 2
    pcap = args[0]
    problems = []

    rows = tshark(pcap, ["frame.number", "sctp.checksum.status",
                         "sctp.verification_tag", "sctp.chunk_type",
                         "sctp.initack_initiate_tag", "_ws.malformed",
                         "_ws.expert.severity"], "sctp")
    n_pkts = len(rows)
    bad_crc = [r[0] for r in rows if r[1] and "1" not in r[1].split(",")]
    malformed = [r[0] for r in rows if r[5]]
    if bad_crc:
        problems.append("bad checksum in frames %s" % ",".join(bad_crc[:10]))
    if malformed:
        problems.append("malformed frames %s" % ",".join(malformed[:10]))
    if udp_from:
        # udp.checksum.status: 0 bad, 1 good, 2 unverified (zero).
        urows = tshark(pcap, ["frame.number", "udp.checksum.status"],
                       "sctp && udp && ip.src == %s" % udp_from)
        bad_udp = [r[0] for r in urows if r[1] and r[1] != "1"]
        if bad_udp:
            problems.append("bad UDP checksum in frames %s" %
                            ",".join(bad_udp[:10]))
        if not urows:
            problems.append("no SCTP in UDP from %s" % udp_from)

    # An association is the pair of tags {tag in the INIT ACK's header,
    # Initiate Tag inside it}. A repeated INIT gets a new INIT ACK with
    # another Initiate Tag, so one INIT's tag can be in several pairs: the
    # COOKIE ECHO (sent with the Initiate Tag of the INIT ACK it answers)
    # says which pair the COOKIE ACK and what follows belong to.
    assocs = {}
    for r in rows:
        types = r[3].split(",") if r[3] else []
        if "2" in types and r[4]:
            a, b = int(r[2], 16), int(r[4].split(",")[0], 16)
            assocs[frozenset((a, b))] = {"up": False, "echoed": False,
                                         "end": None}
    def find(tag):
        cands = [v for k, v in assocs.items() if tag in k]
        for key in ("up", "echoed"):
            picked = [v for v in cands if v[key]]
            if picked:
                return picked[-1]
        return cands[0] if cands else None
    for r in rows:
        if not r[2]:
            continue
        types = r[3].split(",") if r[3] else []
        tag = int(r[2], 16)
        if "10" in types:
            for k, v in assocs.items():
                if tag in k:
                    v["echoed"] = True
        st = find(tag)
        if st is None:
            continue
        if "11" in types:
            st["up"] = True
        if "14" in types and st["end"] is None:
            st["end"] = "SHUTDOWN COMPLETE"
        if "6" in types and st["end"] is None:
            st["end"] = "ABORT"
    up = [v for v in assocs.values() if v["up"]]
    open_ = [v for v in up if v["end"] is None]
    if open_ and not allow_open:
        problems.append("%d association(s) never ended" % len(open_))
    ends = {}
    for v in up:
        ends[v["end"] or "open"] = ends.get(v["end"] or "open", 0) + 1

    print("wirecheck %s: %d SCTP packets, %d associations up, ends %s%s" % (
        pcap, n_pkts, len(up), ends,
        "" if not problems else "; PROBLEMS: " + "; ".join(problems)))
    if n_pkts == 0:
        print("wirecheck: no SCTP packet in the capture")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
