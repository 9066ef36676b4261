package io.weft.agent.services.dhcp;

import io.weft.agent.services.Parsed;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A BOOTP/DHCP message (RFC 2131 §2, options RFC 2132), the UDP payload between ports 67
 * and 68:
 *
 * <pre>
 *  0       op | htype | hlen | hops
 *  4       xid
 *  8       secs | flags (bit 15 = BROADCAST)
 * 12..27   ciaddr, yiaddr, siaddr, giaddr
 * 28       chaddr (16)
 * 44       sname (64)
 * 108      file (128)
 * 236      magic cookie 99.130.83.99
 * 240      options: code, length, value ... 255 (END); 0 is PAD
 * </pre>
 *
 * Addresses are IPv4 as ints. {@code options} keeps wire order; a code appearing twice is
 * concatenated on decode (RFC 3396 §7). sname/file are not used for option overload here.
 */
public record DhcpMessage(int op, int xid, int secs, int flags, int ciaddr, int yiaddr, int siaddr, int giaddr,
    byte[] chaddr, List<DhcpOption> options) {
  public static final int BOOTREQUEST = 1;
  public static final int BOOTREPLY = 2;
  public static final int HTYPE_ETHERNET = 1;
  public static final int FLAG_BROADCAST = 0x8000;
  public static final int MAGIC_COOKIE = 0x63825363;
  public static final int FIXED_LENGTH = 240;
  public static final int SERVER_PORT = 67;
  public static final int CLIENT_PORT = 68;
  /** RFC 2131 §2: a message is at least 300 octets for old BOOTP relays; replies are padded to it. */
  static final int MIN_LENGTH = 300;

  public DhcpMessage {
    if (chaddr.length != 6) throw new IllegalArgumentException("chaddr must be a 6-octet MAC");
    chaddr = chaddr.clone();
    options = List.copyOf(options);
  }

  @Override
  public byte[] chaddr() {
    return chaddr.clone();
  }

  /** The value of option {@code code}, or null. */
  public byte[] option(int code) {
    for (DhcpOption o : options) if (o.code() == code) return o.value();
    return null;
  }

  /** Option 53, or 0 for plain BOOTP. */
  public int messageType() {
    byte[] v = option(DhcpOption.MESSAGE_TYPE);
    return v == null || v.length != 1 ? 0 : v[0] & 0xff;
  }

  /** An IPv4 option (50 requested address, 54 server identifier), or 0 when absent or malformed. */
  public int addressOption(int code) {
    byte[] v = option(code);
    return v == null || v.length != 4 ? 0 : ByteBuffer.wrap(v).getInt();
  }

  public static Parsed<DhcpMessage> decode(ByteBuffer buf) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < FIXED_LENGTH) return Parsed.failed("dhcp", "length", 0, len + " octets, need " + FIXED_LENGTH);
    int op = buf.get(b) & 0xff;
    if (op != BOOTREQUEST && op != BOOTREPLY) return Parsed.failed("dhcp", "op", 0, "op " + op);
    if ((buf.get(b + 1) & 0xff) != HTYPE_ETHERNET || (buf.get(b + 2) & 0xff) != 6) {
      return Parsed.failed("dhcp", "htype/hlen", 1, "not Ethernet (" + buf.get(b + 1) + "/" + buf.get(b + 2) + ")");
    }
    if (buf.getInt(b + 236) != MAGIC_COOKIE) return Parsed.failed("dhcp", "magic cookie", 236, Integer.toHexString(buf.getInt(b + 236)));
    byte[] chaddr = new byte[6];
    buf.get(b + 28, chaddr);
    List<DhcpOption> options = new ArrayList<>();
    int i = b + FIXED_LENGTH;
    int end = b + len;
    boolean sawEnd = false;
    while (i < end) {
      int code = buf.get(i) & 0xff;
      if (code == DhcpOption.PAD) {
        i++;
        continue;
      }
      if (code == DhcpOption.END) {
        sawEnd = true;
        break;
      }
      if (i + 1 >= end) return Parsed.failed("dhcp", "option " + code, i - b, "no length octet");
      int olen = buf.get(i + 1) & 0xff;
      if (i + 2 + olen > end) return Parsed.failed("dhcp", "option " + code, i - b, "length " + olen + " runs past the message");
      byte[] value = new byte[olen];
      buf.get(i + 2, value);
      merge(options, code, value);
      i += 2 + olen;
    }
    if (!sawEnd) return Parsed.failed("dhcp", "options", i - b, "no END option");
    return Parsed.ok(new DhcpMessage(op, buf.getInt(b + 4), buf.getShort(b + 8) & 0xffff, buf.getShort(b + 10) & 0xffff,
        buf.getInt(b + 12), buf.getInt(b + 16), buf.getInt(b + 20), buf.getInt(b + 24), chaddr, options));
  }

  private static void merge(List<DhcpOption> options, int code, byte[] value) {
    for (int k = 0; k < options.size(); k++) {
      if (options.get(k).code() == code) {
        byte[] old = options.get(k).value();
        byte[] joined = Arrays.copyOf(old, old.length + value.length);
        System.arraycopy(value, 0, joined, old.length, value.length);
        options.set(k, new DhcpOption(code, joined));
        return;
      }
    }
    options.add(new DhcpOption(code, value));
  }

  /** The wire form, padded to {@value #MIN_LENGTH} octets. Options longer than 255 are split (RFC 3396). */
  public byte[] encode() {
    int optLen = 1;
    for (DhcpOption o : options) optLen += o.value().length + 2 * Math.max(1, (o.value().length + 254) / 255);
    ByteBuffer buf = ByteBuffer.allocate(Math.max(MIN_LENGTH, FIXED_LENGTH + optLen));
    buf.put(0, (byte) op).put(1, (byte) HTYPE_ETHERNET).put(2, (byte) 6).put(3, (byte) 0);
    buf.putInt(4, xid).putShort(8, (short) secs).putShort(10, (short) flags);
    buf.putInt(12, ciaddr).putInt(16, yiaddr).putInt(20, siaddr).putInt(24, giaddr);
    buf.put(28, chaddr);
    buf.putInt(236, MAGIC_COOKIE);
    int i = FIXED_LENGTH;
    for (DhcpOption o : options) {
      byte[] v = o.value();
      int off = 0;
      do {
        int n = Math.min(255, v.length - off);
        buf.put(i, (byte) o.code()).put(i + 1, (byte) n);
        buf.put(i + 2, v, off, n);
        i += 2 + n;
        off += n;
      } while (off < v.length);
    }
    buf.put(i, (byte) DhcpOption.END);
    return buf.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DhcpMessage m && m.op == op && m.xid == xid && m.secs == secs && m.flags == flags && m.ciaddr == ciaddr
        && m.yiaddr == yiaddr && m.siaddr == siaddr && m.giaddr == giaddr && Arrays.equals(m.chaddr, chaddr)
        && m.options.equals(options);
  }

  @Override
  public int hashCode() {
    return xid * 31 + Arrays.hashCode(chaddr);
  }
}
