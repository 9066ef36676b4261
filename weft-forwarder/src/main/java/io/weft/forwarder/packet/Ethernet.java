package io.weft.forwarder.packet;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An Ethernet II frame, optionally with one IEEE 802.1Q tag. The FCS is not carried
 * (TAP devices and sockets neither give nor take it).
 * <pre>
 *  0                   6                  12        14 (18 when tagged)
 *  +-------------------+-------------------+---------+-----------
 *  | destination       | source            |[8100 TCI] type | payload
 * </pre>
 */
public record Ethernet(MacAddress destination, MacAddress source, int vlanTci, int etherType, byte[] payload) {
  public static final int ETHERTYPE_IPV4 = 0x0800;
  public static final int ETHERTYPE_ARP = 0x0806;
  public static final int ETHERTYPE_VLAN = 0x8100;
  public static final int ETHERTYPE_IPV6 = 0x86dd;
  public static final int ETHERTYPE_MPLS = 0x8847;
  public static final int HEADER_LENGTH = 14;
  public static final int VLAN_TAG_LENGTH = 4;
  /** No 802.1Q tag. */
  public static final int UNTAGGED = -1;

  public Ethernet {
    if (vlanTci < UNTAGGED || vlanTci > 0xffff) throw new IllegalArgumentException("bad TCI " + vlanTci);
    if (etherType < 0 || etherType > 0xffff) throw new IllegalArgumentException("bad EtherType " + etherType);
    payload = payload.clone();
  }

  public static Ethernet untagged(MacAddress dst, MacAddress src, int etherType, byte[] payload) {
    return new Ethernet(dst, src, UNTAGGED, etherType, payload);
  }

  public int vlanId() {
    return vlanTci == UNTAGGED ? UNTAGGED : vlanTci & 0x0fff;
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public static Decoded<Ethernet> decode(ByteBuffer buf) {
    int base = buf.position();
    int len = buf.remaining();
    if (len < HEADER_LENGTH) return Decoded.malformed("ethernet", "header", 0, "frame of " + len + " bytes");
    long dst = MacAddress.read(buf, base);
    long src = MacAddress.read(buf, base + 6);
    int type = buf.getShort(base + 12) & 0xffff;
    int tci = UNTAGGED;
    int hdr = HEADER_LENGTH;
    if (type == ETHERTYPE_VLAN) {
      if (len < HEADER_LENGTH + VLAN_TAG_LENGTH) return Decoded.malformed("ethernet", "vlan tag", 14, "truncated");
      tci = buf.getShort(base + 14) & 0xffff;
      type = buf.getShort(base + 16) & 0xffff;
      hdr += VLAN_TAG_LENGTH;
    }
    byte[] payload = new byte[len - hdr];
    buf.get(base + hdr, payload);
    return Decoded.ok(new Ethernet(new MacAddress(dst), new MacAddress(src), tci, type, payload));
  }

  public byte[] encode() {
    int hdr = HEADER_LENGTH + (vlanTci == UNTAGGED ? 0 : VLAN_TAG_LENGTH);
    ByteBuffer buf = ByteBuffer.allocate(hdr + payload.length);
    MacAddress.write(buf, 0, destination.bits());
    MacAddress.write(buf, 6, source.bits());
    int at = 12;
    if (vlanTci != UNTAGGED) {
      buf.putShort(12, (short) ETHERTYPE_VLAN).putShort(14, (short) vlanTci);
      at = 16;
    }
    buf.putShort(at, (short) etherType);
    buf.put(hdr, payload);
    return buf.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ethernet e && e.destination.equals(destination) && e.source.equals(source)
        && e.vlanTci == vlanTci && e.etherType == etherType && Arrays.equals(e.payload, payload);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(payload) * 31 + etherType;
  }
}
