#!/usr/bin/env python3
"""Writes the hand-made expected-error vectors (RFC 7606 / RFC 4271 §6) as annotated hex.
Each file states the expected outcome in '#!' directives read by ErrorVectorsTest.
Usage: make-error-vectors.py OUTDIR"""
import importlib.util, os, sys

spec = importlib.util.spec_from_file_location("split", os.path.join(os.path.dirname(__file__), "split-messages.py"))
src = open(spec.origin).read().replace("\nmain()\n", "\n")
split = {}
exec(compile(src, spec.origin, "exec"), split)
annotate = split["annotate"]


def msg(t, body, length=None, marker=b"\xff" * 16):
    ln = length if length is not None else 19 + len(body)
    return marker + ln.to_bytes(2, "big") + bytes([t]) + body


def attr(flags, t, v, ext=False):
    if ext or flags & 0x10:
        return bytes([flags | 0x10, t]) + len(v).to_bytes(2, "big") + v
    return bytes([flags, t, len(v)]) + v


def update(attrs=b"", nlri=b"", withdrawn=b""):
    return msg(2, len(withdrawn).to_bytes(2, "big") + withdrawn + len(attrs).to_bytes(2, "big") + attrs + nlri)


ORIGIN = attr(0x40, 1, b"\x00")
ASPATH = attr(0x40, 2, b"\x02\x01\x00\x00\xfd\xe9")
NEXTHOP = attr(0x40, 3, bytes([192, 0, 2, 1]))
LOCALPREF = attr(0x40, 5, (100).to_bytes(4, "big"))
NLRI = b"\x08\x0a"  # 10.0.0.0/8
VPN_NLRI = b"\x70\x00\x0c\x81\x00\x00\xfd\xe9\x00\x00\x00\x64\x0a\x02\x00"  # label 200, RD 65001:100, 10.2.0.0/24
good = ORIGIN + ASPATH + NEXTHOP + LOCALPREF

vectors = {
    "origin-bad-value": ("treat-as-withdraw 3/6", "", update(attr(0x40, 1, b"\x05") + ASPATH + NEXTHOP + LOCALPREF, NLRI)),
    "origin-bad-length": ("treat-as-withdraw 3/5", "", update(attr(0x40, 1, b"\x00\x00") + ASPATH + NEXTHOP + LOCALPREF, NLRI)),
    "next-hop-bad-flags": ("treat-as-withdraw 3/4", "", update(ORIGIN + ASPATH + attr(0x80, 3, bytes([192, 0, 2, 1])) + LOCALPREF, NLRI)),
    "next-hop-bad-length": ("treat-as-withdraw 3/5", "", update(ORIGIN + ASPATH + attr(0x40, 3, bytes([192, 0, 2])) + LOCALPREF, NLRI)),
    "as-path-bad-segment": ("treat-as-withdraw 3/11", "", update(ORIGIN + attr(0x40, 2, b"\x07\x01\x00\x00\xfd\xe9") + NEXTHOP + LOCALPREF, NLRI)),
    "med-bad-length": ("treat-as-withdraw 3/5", "", update(good + attr(0x80, 4, b"\x00\x01"), NLRI)),
    "communities-bad-length": ("treat-as-withdraw 3/9", "", update(good + attr(0xc0, 8, b"\x00\x01\x02"), NLRI)),
    "ext-communities-bad-length": ("treat-as-withdraw 3/9", "", update(good + attr(0xc0, 16, b"\x00\x02\xfd\xe9\x00\x00"), NLRI)),
    "attribute-overruns-total-length": ("treat-as-withdraw 3/5", "",
        update(ORIGIN + ASPATH + NEXTHOP + LOCALPREF[:-2] + b"", NLRI)),
    "missing-as-path": ("treat-as-withdraw 3/3", "ebgp", update(ORIGIN + NEXTHOP, NLRI)),
    "missing-local-pref-ibgp": ("treat-as-withdraw 3/3", "", update(ORIGIN + ASPATH + NEXTHOP, NLRI)),
    "missing-next-hop": ("treat-as-withdraw 3/3", "ebgp", update(ORIGIN + ASPATH, NLRI)),
    "originator-id-bad-length": ("treat-as-withdraw 3/5", "", update(good + attr(0x80, 9, b"\x01\x02"), NLRI)),
    "vpn-origin-bad-value": ("treat-as-withdraw 3/6", "",
        update(attr(0x40, 1, b"\x09") + ASPATH + LOCALPREF
               + attr(0x80, 14, b"\x00\x01\x80\x0c" + bytes(8) + bytes([192, 0, 2, 1]) + b"\x00" + VPN_NLRI))),
    "atomic-aggregate-bad-length": ("discard 3/5", "", update(good + attr(0x40, 6, b"\x01"), NLRI)),
    "aggregator-bad-length": ("discard 3/5", "", update(good + attr(0xc0, 7, b"\x00\x01\x02"), NLRI)),
    "local-pref-from-ebgp": ("discard 3/1", "ebgp", update(good, NLRI)),
    "duplicate-med": ("discard 3/1", "", update(good + attr(0x80, 4, bytes(4)) + attr(0x80, 4, bytes(4)), NLRI)),
    "mp-reach-bad-next-hop-length": ("session-reset 3/9", "",
        update(ORIGIN + ASPATH + LOCALPREF + attr(0x80, 14, b"\x00\x01\x80\x04" + bytes([192, 0, 2, 1]) + b"\x00" + VPN_NLRI))),
    "mp-reach-bad-flags": ("session-reset 3/4", "",
        update(ORIGIN + ASPATH + LOCALPREF + attr(0x40, 14, b"\x00\x01\x80\x0c" + bytes(8) + bytes([192, 0, 2, 1]) + b"\x00" + VPN_NLRI))),
    "mp-reach-repeated": ("session-reset 3/1", "",
        update(ORIGIN + ASPATH + LOCALPREF + attr(0x80, 15, b"\x00\x01\x80") + attr(0x80, 15, b"\x00\x01\x80"))),
    "mp-reach-bad-vpn-nlri": ("session-reset 3/10", "",
        update(ORIGIN + ASPATH + LOCALPREF + attr(0x80, 14, b"\x00\x01\x80\x0c" + bytes(8) + bytes([192, 0, 2, 1]) + b"\x00" + b"\x20\x00\x0c\x81\x00"))),
    "mp-reach-bad-evpn-mac-length": ("session-reset 3/10", "",
        update(ORIGIN + ASPATH + LOCALPREF + attr(0x80, 14, b"\x00\x19\x46\x04" + bytes([192, 0, 2, 1]) + b"\x00"
               + b"\x02\x21" + bytes(8) + bytes(10) + bytes(4) + b"\x2f" + bytes(6) + b"\x00" + b"\x00\x13\x89"))),
    "unrecognized-well-known": ("session-reset 3/2", "", update(good + attr(0x40, 99, b"\x01"), NLRI)),
    "withdrawn-length-overruns": ("session-reset 3/1", "", msg(2, b"\x00\x20\x08\x0a\x00\x00")),
    "total-attribute-length-overruns": ("session-reset 3/1", "", msg(2, b"\x00\x00\x00\x40" + ORIGIN)),
    "nlri-prefix-too-long": ("session-reset 3/10", "", update(good, b"\x21\x0a\x00\x00\x00\x00")),
    "nlri-truncated": ("session-reset 3/10", "", update(good, b"\x18\x0a\x00")),
    "bad-marker": ("session-reset 1/1", "", msg(4, b"", marker=b"\xff" * 15 + b"\x00")),
    "length-below-minimum": ("session-reset 1/2", "", msg(4, b"", length=18)),
    "keepalive-with-body": ("session-reset 1/2", "", msg(4, b"\x00")),
    "bad-message-type": ("session-reset 1/3", "", msg(9, b"")),
    "open-unsupported-optional-parameter": ("session-reset 2/4", "",
        msg(1, b"\x04\xfd\xe9\x00\x5a\x0a\x00\x00\x01\x04\x01\x02\x00\x00")),
    "open-short": ("session-reset 2/0", "", msg(1, b"\x04\xfd\xe9\x00\x5a\x0a\x00\x00\x01\x04")),
}

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, (expect, options, m) in vectors.items():
    with open(os.path.join(out, name + ".hex"), "w") as f:
        f.write(f"# hand-made error vector: {name}\n#! expect: {expect}\n")
        if options:
            f.write(f"#! options: {options}\n")
        try:
            lines = annotate(m)
        except Exception:
            lines = [f"{m.hex(' ')}  # (not annotatable)"]
        if sum(len(l.split('#')[0].split()) for l in lines) != len(m):
            lines = [f"{m.hex(' ')}  # whole message"]
        f.write("\n".join(lines) + "\n")
print(len(vectors), "vectors")
