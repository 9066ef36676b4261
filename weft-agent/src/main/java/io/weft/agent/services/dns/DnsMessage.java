package io.weft.agent.services.dns;

import io.weft.agent.services.Parsed;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A DNS message (RFC 1035 §4.1):
 *
 * <pre>
 *  0  ID
 *  2  |QR|Opcode(4)|AA|TC|RD|RA|Z(3)|RCODE(4)|
 *  4  QDCOUNT  6 ANCOUNT  8 NSCOUNT  10 ARCOUNT
 * 12  questions, then answer, authority, additional records
 * </pre>
 *
 * Names are decoded through compression pointers (§4.1.4), which must point backwards, so a
 * loop cannot be built; they are encoded without compression. Names are kept without the
 * trailing dot; the root is the empty string.
 */
public record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers, List<DnsRecord> authorities,
    List<DnsRecord> additionals) {
  public static final int QR = 0x8000;
  public static final int AA = 0x0400;
  public static final int TC = 0x0200;
  public static final int RD = 0x0100;
  public static final int RA = 0x0080;
  public static final int RCODE_NOERROR = 0;
  public static final int RCODE_FORMERR = 1;
  public static final int RCODE_SERVFAIL = 2;
  public static final int RCODE_NXDOMAIN = 3;
  public static final int RCODE_NOTIMP = 4;
  public static final int TYPE_A = 1;
  public static final int TYPE_PTR = 12;
  public static final int TYPE_AAAA = 28;
  public static final int CLASS_IN = 1;
  public static final int HEADER = 12;
  public static final int PORT = 53;
  private static final int MAX_NAME = 255;

  public DnsMessage {
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    authorities = List.copyOf(authorities);
    additionals = List.copyOf(additionals);
  }

  public boolean isResponse() {
    return (flags & QR) != 0;
  }

  public int opcode() {
    return (flags >>> 11) & 0xf;
  }

  public int rcode() {
    return flags & 0xf;
  }

  public static Parsed<DnsMessage> decode(ByteBuffer buf) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < HEADER) return Parsed.failed("dns", "header", 0, len + " octets");
    ByteBuffer m = buf.slice(b, len);
    int[] pos = {HEADER};
    List<DnsQuestion> qs = new ArrayList<>();
    int qd = m.getShort(4) & 0xffff;
    for (int i = 0; i < qd; i++) {
      int at = pos[0];
      String name = name(m, pos);
      if (name == null) return Parsed.failed("dns", "question " + i + " name", at, "bad label or pointer");
      if (pos[0] + 4 > len) return Parsed.failed("dns", "question " + i, pos[0], "truncated");
      qs.add(new DnsQuestion(name, m.getShort(pos[0]) & 0xffff, m.getShort(pos[0] + 2) & 0xffff));
      pos[0] += 4;
    }
    List<List<DnsRecord>> sections = new ArrayList<>();
    String[] names = {"answer", "authority", "additional"};
    for (int s = 0; s < 3; s++) {
      int count = m.getShort(6 + 2 * s) & 0xffff;
      List<DnsRecord> rs = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int at = pos[0];
        String name = name(m, pos);
        if (name == null) return Parsed.failed("dns", names[s] + " " + i + " name", at, "bad label or pointer");
        if (pos[0] + 10 > len) return Parsed.failed("dns", names[s] + " " + i, pos[0], "truncated");
        int rdlen = m.getShort(pos[0] + 8) & 0xffff;
        if (pos[0] + 10 + rdlen > len) return Parsed.failed("dns", names[s] + " " + i + " rdata", pos[0] + 8, "length " + rdlen);
        byte[] rdata = new byte[rdlen];
        m.get(pos[0] + 10, rdata);
        rs.add(new DnsRecord(name, m.getShort(pos[0]) & 0xffff, m.getShort(pos[0] + 2) & 0xffff, m.getInt(pos[0] + 4) & 0xffffffffL,
            rdata));
        pos[0] += 10 + rdlen;
      }
      sections.add(rs);
    }
    return Parsed.ok(new DnsMessage(m.getShort(0) & 0xffff, m.getShort(2) & 0xffff, qs, sections.get(0), sections.get(1),
        sections.get(2)));
  }

  /** Reads a name at pos[0], advancing it past the name as it appears in place; null if malformed. */
  private static String name(ByteBuffer m, int[] pos) {
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

  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    ByteBuffer h = ByteBuffer.allocate(HEADER);
    h.putShort((short) id).putShort((short) flags).putShort((short) questions.size()).putShort((short) answers.size())
        .putShort((short) authorities.size()).putShort((short) additionals.size());
    out.writeBytes(h.array());
    for (DnsQuestion q : questions) {
      writeName(out, q.name());
      out.writeBytes(ByteBuffer.allocate(4).putShort((short) q.type()).putShort((short) q.qclass()).array());
    }
    for (List<DnsRecord> section : List.of(answers, authorities, additionals)) {
      for (DnsRecord r : section) {
        writeName(out, r.name());
        byte[] rd = r.rdata();
        out.writeBytes(ByteBuffer.allocate(10).putShort((short) r.type()).putShort((short) r.rclass()).putInt((int) r.ttl())
            .putShort((short) rd.length).array());
        out.writeBytes(rd);
      }
    }
    return out.toByteArray();
  }

  static void writeName(ByteArrayOutputStream out, String name) {
    if (!name.isEmpty()) {
      for (String label : name.split("\\.")) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        if (l.length == 0 || l.length > 63) throw new IllegalArgumentException("label '" + label + "' in " + name);
        out.write(l.length);
        out.writeBytes(l);
      }
    }
    out.write(0);
  }
}
