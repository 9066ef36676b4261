#!/usr/bin/env bash
# Captures real BGP messages for the codec's test vectors: gobgpd talks to FRR bgpd (VPNv4,
# EVPN) and to BIRD (VPNv4/VPNv6) on 127.0.0.x high ports while tshark records loopback;
# then split-messages.py writes one annotated .hex file per distinct message.
# Usage: capture.sh OUTDIR   (root; needs gobgpd frr bird2 tshark)
set -euo pipefail
out=$(realpath "${1:?output directory}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/weft-capture.XXXXXX)
chmod 755 "$work"  # FRR drops to user frr and must reach its files
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.5; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/gobgpd.toml" <<TOML
[global.config]
  as = 65001
  router-id = "10.0.0.3"
  port = 1791
  local-address-list = ["127.0.0.3"]
[[neighbors]]
  [neighbors.config]
    neighbor-address = "127.0.0.2"
    peer-as = 65002
  [neighbors.transport.config]
    remote-port = 1790
    local-address = "127.0.0.3"
  [neighbors.graceful-restart.config]
    enabled = true
    restart-time = 120
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "l3vpn-ipv4-unicast"
    [neighbors.afi-safis.mp-graceful-restart.config]
      enabled = true
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "l2vpn-evpn"
[[neighbors]]
  [neighbors.config]
    neighbor-address = "127.0.0.4"
    peer-as = 65003
  [neighbors.transport.config]
    remote-port = 1792
    local-address = "127.0.0.3"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "l3vpn-ipv4-unicast"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "l3vpn-ipv6-unicast"
TOML

mkdir -p "$work/frr" && chown frr:frr "$work/frr"
cat > "$work/frr/bgpd.conf" <<CONF
router bgp 65002
 bgp router-id 10.0.0.2
 no bgp ebgp-requires-policy
 no bgp default ipv4-unicast
 neighbor 127.0.0.3 remote-as 65001
 neighbor 127.0.0.3 port 1791
 neighbor 127.0.0.3 update-source 127.0.0.2
 neighbor 127.0.0.3 disable-connected-check
 neighbor 127.0.0.3 passive
 address-family ipv4 vpn
  neighbor 127.0.0.3 activate
 exit-address-family
 address-family l2vpn evpn
  neighbor 127.0.0.3 activate
 exit-address-family
CONF
chown frr:frr "$work/frr/bgpd.conf"

cat > "$work/bird.conf" <<CONF
router id 10.0.0.4;
protocol device {}
vpn4 table vpntab4;
vpn6 table vpntab6;
protocol static s4 { vpn4 { table vpntab4; }; route 65003:1 10.4.0.0/24 via 192.0.2.4 mpls 300; }
protocol static s6 { vpn6 { table vpntab6; }; route 65003:2 2001:db8:4::/48 via 2001:db8::4 mpls 301; }
protocol bgp gobgp {
  local 127.0.0.4 port 1792 as 65003;
  neighbor 127.0.0.3 port 1791 as 65001;
  multihop;
  passive on;
  vpn4 mpls { table vpntab4; import all; export all; };
  vpn6 mpls { table vpntab6; import all; export all; };
}
CONF

tshark -q -i lo -f "tcp port 1790 or tcp port 1791 or tcp port 1792" -w "$work/cap.pcapng" >/dev/null 2>&1 &
pids+=($!)
sleep 2
/usr/lib/frr/bgpd -f "$work/frr/bgpd.conf" -i "$work/frr/bgpd.pid" --vty_socket "$work/frr" -l 127.0.0.2 -p 1790 -Z \
  >"$work/frr.log" 2>&1 &
pids+=($!)
bird -f -c "$work/bird.conf" -s "$work/bird.ctl" -P "$work/bird.pid" >"$work/bird.log" 2>&1 &
pids+=($!)
sleep 1
gobgpd -f "$work/gobgpd.toml" --api-hosts 127.0.0.3:50051 -p --pprof-disable >"$work/gobgpd.log" 2>&1 &
pids+=($!)
g() { gobgp -u 127.0.0.3 -p 50051 "$@"; }
for i in $(seq 1 80); do
  n=$(g neighbor 2>/dev/null | grep -c Establ || true)
  [ "$n" -ge 2 ] && break
  sleep 0.5
done
g neighbor || true
g global rib -a vpnv4 add 10.2.0.0/24 label 200 rd 65001:100 rt 65001:100 nexthop 192.0.2.3
g global rib -a evpn add macadv aa:bb:cc:00:00:01 10.2.0.5 etag 0 label 5001 rd 65001:200 rt 65001:200 encap vxlan nexthop 192.0.2.3
g global rib -a evpn add multicast 192.0.2.3 etag 0 rd 65001:200 rt 65001:200 encap vxlan
g global rib -a evpn add prefix 10.9.0.0/24 172.16.0.1 etag 0 label 5002 rd 65001:300 rt 65001:300 gw 0.0.0.0 encap vxlan router-mac 02:00:00:00:00:01 nexthop 192.0.2.3
sleep 3
g global rib -a vpnv4 del 10.2.0.0/24 label 200 rd 65001:100
sleep 2
g global rib -a vpnv4 || true
g global rib -a evpn || true
kill "${pids[0]}"; sleep 1
tshark -r "$work/cap.pcapng" -Y "tcp.len>0" -T fields -e ip.src -e tcp.srcport -e ip.dst -e tcp.dstport -e tcp.payload \
  > "$work/payloads.tsv"
python3 "$here/split-messages.py" "$work/payloads.tsv" "$out"
