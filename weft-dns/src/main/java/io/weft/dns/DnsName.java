package io.weft.dns;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Domain names in presentation form (labels joined by dots, no trailing dot, the root is the
 * empty string) and on the wire (RFC 1035 §3.1: length-prefixed labels ending in a zero
 * octet). An octet that cannot appear in presentation form as is (a dot, a backslash, a
 * space or control character) is written {@code \DDD} (RFC 1035 §5.1), so any wire name
 * survives a round trip.
 */
public final class DnsName {
  /** RFC 1035 §2.3.4: 255 octets per name, 63 per label. */
  public static final int MAX_NAME = 255;
  public static final int MAX_LABEL = 63;

  private DnsName() {}

  /**
   * Reads a name at {@code pos[0]} of message {@code m}, following compression pointers
   * (§4.1.4), and advances {@code pos[0]} past the name as it appears in place; null if
   * malformed. Pointers must point backwards, so a loop cannot be built.
   */
  static String read(ByteBuffer m, int[] pos) {
    StringBuilder sb = new StringBuilder();
    int i = pos[0];
    int after = -1;
    int limit = m.limit();
    int octets = 0;
    while (true) {
      if (i >= limit) return null;
      int l = m.get(i) & 0xff;
      if ((l & 0xc0) == 0xc0) {
        if (i + 1 >= limit) return null;
        int target = ((l & 0x3f) << 8) | (m.get(i + 1) & 0xff);
        if (target >= i) return null; // only backward pointers: no loops
        if (after < 0) after = i + 2;
        i = target;
        continue;
      }
      if ((l & 0xc0) != 0) return null; // 0x40/0x80 label types are obsolete (RFC 6891 §5)
      if (l == 0) {
        pos[0] = after >= 0 ? after : i + 1;
        return sb.toString();
      }
      if (i + 1 + l > limit) return null;
      octets += l + 1;
      if (octets > MAX_NAME) return null;
      if (!sb.isEmpty()) sb.append('.');
      for (int k = 0; k < l; k++) {
        int c = m.get(i + 1 + k) & 0xff;
        if (c == '.' || c == '\\' || c < 0x21 || c > 0x7e) sb.append(String.format("\\%03d", c));
        else sb.append((char) c);
      }
      i += 1 + l;
    }
  }

  /** The wire form of {@code name}, uncompressed; throws IllegalArgumentException for an empty or over-long label or name. */
  public static byte[] toWire(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(name.length() + 2);
    write(out, name);
    return out.toByteArray();
  }

  static void write(ByteArrayOutputStream out, String name) {
    int start = out.size();
    ByteArrayOutputStream label = new ByteArrayOutputStream(MAX_LABEL);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.') {
        endLabel(out, label, name);
      } else if (c == '\\' && isDigits(name, i + 1)) {
        label.write(Integer.parseInt(name, i + 1, i + 4, 10) & 0xff);
        i += 3;
      } else {
        if (c > 0x7e) throw new IllegalArgumentException("non-ASCII name " + name);
        label.write(c);
      }
    }
    if (!name.isEmpty()) endLabel(out, label, name);
    out.write(0);
    if (out.size() - start > MAX_NAME) throw new IllegalArgumentException("name longer than 255 octets: " + name);
  }

  private static boolean isDigits(String s, int from) {
    if (from + 3 > s.length()) return false;
    for (int k = from; k < from + 3; k++) if (s.charAt(k) < '0' || s.charAt(k) > '9') return false;
    return true;
  }

  private static void endLabel(ByteArrayOutputStream out, ByteArrayOutputStream label, String name) {
    if (label.size() == 0 || label.size() > MAX_LABEL) throw new IllegalArgumentException("bad label in " + name);
    out.write(label.size());
    out.writeBytes(label.toByteArray());
    label.reset();
  }
}
