#!/usr/bin/env python3
"""Splits captured TCP payloads into BGP messages and writes each distinct one as an
annotated hex vector (one field per line, '#' comments) for the Java codec tests.
Usage: split-messages.py payloads.tsv OUTDIR  (tsv: src sport dst dport hexpayload)"""
import sys, os, collections

NAMES = {"127.0.0.2": "frr", "127.0.0.3": "gobgpd", "127.0.0.4": "bird", "127.0.0.1": "weft"}
TYPES = {1: "open", 2: "update", 3: "notification", 4: "keepalive", 5: "route-refresh"}
ATTRS = {1: "ORIGIN", 2: "AS_PATH", 3: "NEXT_HOP", 4: "MULTI_EXIT_DISC", 5: "LOCAL_PREF", 6: "ATOMIC_AGGREGATE",
         7: "AGGREGATOR", 8: "COMMUNITIES", 9: "ORIGINATOR_ID", 10: "CLUSTER_LIST", 14: "MP_REACH_NLRI",
         15: "MP_UNREACH_NLRI", 16: "EXTENDED_COMMUNITIES", 17: "AS4_PATH", 22: "PMSI_TUNNEL", 23: "TUNNEL_ENCAP"}
CAPS = {1: "multiprotocol", 2: "route refresh", 5: "extended next hop", 6: "extended message", 9: "BGP role",
        64: "graceful restart", 65: "4-octet AS", 69: "add-path", 70: "enhanced route refresh", 71: "long-lived GR",
        73: "FQDN", 128: "route refresh (old Cisco)"}
FAMILIES = {(1, 1): "ipv4-unicast", (2, 1): "ipv6-unicast", (1, 128): "ipv4-vpn", (2, 128): "ipv6-vpn",
            (25, 70): "evpn", (1, 132): "rt-constraint"}


class Out:
    def __init__(self):
        self.lines = []

    def f(self, b, comment):
        self.lines.append(f"{b.hex(' '):<48} # {comment}")


def annotate(msg):
    o = Out()
    o.f(msg[:16], "marker")
    ln = int.from_bytes(msg[16:18], "big")
    t = msg[18]
    o.f(msg[16:18], f"length {ln}")
    o.f(msg[18:19], f"type {t} {TYPES.get(t, '?').upper()}")
    body = msg[19:]
    if t == 1:
        o.f(body[0:1], f"version {body[0]}")
        o.f(body[1:3], f"my AS {int.from_bytes(body[1:3], 'big')}")
        o.f(body[3:5], f"hold time {int.from_bytes(body[3:5], 'big')}")
        o.f(body[5:9], "BGP identifier " + ".".join(str(x) for x in body[5:9]))
        o.f(body[9:10], f"optional parameters length {body[9]}")
        p = 10
        while p < len(body):
            pt, pl = body[p], body[p + 1]
            o.f(body[p:p + 2], f"parameter type {pt} length {pl}")
            q, end = p + 2, p + 2 + pl
            while pt == 2 and q < end:
                c, cl = body[q], body[q + 1]
                o.f(body[q:q + 2], f"  capability {c} ({CAPS.get(c, 'unknown')}) length {cl}")
                if cl:
                    v = body[q + 2:q + 2 + cl]
                    desc = ""
                    if c == 1:
                        desc = FAMILIES.get((int.from_bytes(v[0:2], 'big'), v[3]), "?")
                    elif c == 65:
                        desc = f"AS {int.from_bytes(v, 'big')}"
                    o.f(v, f"    value {desc}")
                q += 2 + cl
            p = end
    elif t == 2:
        wl = int.from_bytes(body[0:2], "big")
        o.f(body[0:2], f"withdrawn routes length {wl}")
        if wl:
            o.f(body[2:2 + wl], "withdrawn IPv4 prefixes")
        p = 2 + wl
        if p + 2 > len(body):
            return o.lines
        al = int.from_bytes(body[p:p + 2], "big")
        o.f(body[p:p + 2], f"total path attribute length {al}")
        p += 2
        end = p + al
        while p < end:
            fl, ty = body[p], body[p + 1]
            ext = fl & 0x10
            hl = 4 if ext else 3
            vl = int.from_bytes(body[p + 2:p + hl], "big")
            if p + hl + vl > end:
                o.f(body[p:end], f"attribute type {ty} claims {vl} octets: overruns the total attribute length")
                p = end
                break
            o.f(body[p:p + hl], f"attribute flags 0x{fl:02x} type {ty} {ATTRS.get(ty, '?')} length {vl}")
            v = body[p + hl:p + hl + vl]
            if ty in (14, 15) and len(v) >= 3:
                fam = FAMILIES.get((int.from_bytes(v[0:2], 'big'), v[2]), "?")
                o.f(v[0:3], f"  AFI/SAFI {fam}")
                r = v[3:]
                if ty == 14:
                    nl = r[0]
                    o.f(r[0:1], f"  next hop length {nl}")
                    o.f(r[1:1 + nl], "  next hop")
                    o.f(r[1 + nl:2 + nl], "  reserved")
                    r = r[2 + nl:]
                if r:
                    o.f(r, "  NLRI")
            elif ty == 16:
                for i in range(0, len(v), 8):
                    o.f(v[i:i + 8], "  extended community")
            elif v:
                o.f(v, "  value")
            p += hl + vl
        if p < len(body):
            o.f(body[p:], "IPv4 NLRI")
    elif t == 3:
        o.f(body[0:2], f"error code {body[0]} subcode {body[1]}")
        if len(body) > 2:
            o.f(body[2:], "data")
    elif t == 5:
        o.f(body, "AFI, subtype, SAFI")
    return o.lines


def describe(msg):
    t = msg[18]
    if t != 2:
        return TYPES.get(t, "type%d" % t)
    body = msg[19:]
    wl = int.from_bytes(body[0:2], "big")
    al = int.from_bytes(body[2 + wl:4 + wl], "big")
    p, end = 4 + wl, 4 + wl + al
    kinds = []
    while p < end:
        fl, ty = body[p], body[p + 1]
        hl = 4 if fl & 0x10 else 3
        vl = int.from_bytes(body[p + 2:p + hl], "big")
        v = body[p + hl:p + hl + vl]
        if ty in (14, 15):
            fam = FAMILIES.get((int.from_bytes(v[0:2], 'big'), v[2]), "unknown")
            if ty == 15 and al == hl + vl and len(v) == 3:
                kinds.append(fam + "-eor")
            else:
                kinds.append(fam + ("-reach" if ty == 14 else "-unreach"))
        p += hl + vl
    if not kinds:
        kinds.append("ipv4-eor" if wl == 0 and al == 0 and len(body) == 4 else "ipv4")
    return "update-" + "-".join(kinds)


def main():
    streams = collections.OrderedDict()
    for line in open(sys.argv[1]):
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 5 or not parts[4]:
            continue
        key = (parts[0], parts[2])
        streams.setdefault(key, bytearray()).extend(bytes.fromhex(parts[4].replace(":", "")))
    os.makedirs(sys.argv[2], exist_ok=True)
    seen = set()
    counts = collections.Counter()
    for (src, dst), data in streams.items():
        p = 0
        while p + 19 <= len(data):
            ln = int.from_bytes(data[p + 16:p + 18], "big")
            msg = bytes(data[p:p + ln])
            p += ln
            if msg in seen or msg[18] == 4:
                continue
            seen.add(msg)
            name = f"{NAMES.get(src, src)}-to-{NAMES.get(dst, dst)}-{describe(msg)}"
            counts[name] += 1
            if counts[name] > 1:
                name += f"-{counts[name]}"
            with open(os.path.join(sys.argv[2], name + ".hex"), "w") as f:
                f.write(f"# captured from {NAMES.get(src, src)} ({src}) to {NAMES.get(dst, dst)} ({dst}) on loopback\n")
                f.write("\n".join(annotate(msg)) + "\n")
            print(name)


main()
