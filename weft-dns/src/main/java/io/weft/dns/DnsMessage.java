package io.weft.dns;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * Names are decoded through compression pointers (§4.1.4) and encoded without compression
 * (see {@link DnsName}).
 */
public record DnsMessage(int id, int flags, List<DnsQuestion> questions, List<DnsRecord> answers, List<DnsRecord> authorities,
    List<DnsRecord> additionals) implements DnsDecodeResult {
  public static final int QR = 0x8000;
  public static final int AA = 0x0400;
  public static final int TC = 0x0200;
  public static final int RD = 0x0100;
  public static final int RA = 0x0080;
  private static final int OPCODE_MASK = 0x7800;
  public static final int RCODE_NOERROR = 0;
  public static final int RCODE_FORMERR = 1;
  public static final int RCODE_SERVFAIL = 2;
  public static final int RCODE_NXDOMAIN = 3;
  public static final int RCODE_NOTIMP = 4;
  public static final int RCODE_REFUSED = 5;
  public static final int TYPE_A = 1;
  public static final int TYPE_PTR = 12;
  public static final int TYPE_AAAA = 28;
  public static final int CLASS_IN = 1;
  public static final int HEADER = 12;
  public static final int PORT = 53;
  /** The largest message over UDP without EDNS (RFC 1035 §4.2.1). */
  public static final int UDP_MAX = 512;

  public DnsMessage {
    questions = List.copyOf(questions);
    answers = List.copyOf(answers);
    authorities = List.copyOf(authorities);
    additionals = List.copyOf(additionals);
  }

  /** A query with one question and RD set, as a stub resolver sends it. */
  public static DnsMessage query(int id, DnsQuestion question) {
    return new DnsMessage(id, RD, List.of(question), List.of(), List.of(), List.of());
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

  /**
   * The response to this query (§4.1.1): same id, opcode and questions, QR set, RD copied,
   * plus {@code extraFlags} (AA, RA) and {@code rcode}.
   */
  public DnsMessage reply(int extraFlags, int rcode, List<DnsRecord> answers) {
    return new DnsMessage(id, QR | (flags & (RD | OPCODE_MASK)) | extraFlags | rcode, questions, answers, List.of(), List.of());
  }

  /**
   * A FORMERR response to octets that are not a message (§4.1.1), echoing their id; empty
   * when there is no whole header to answer, or the octets are themselves a response.
   */
  public static Optional<byte[]> formatError(byte[] octets, int extraFlags) {
    if (octets.length < HEADER || (octets[2] & 0x80) != 0) return Optional.empty();
    int id = ((octets[0] & 0xff) << 8) | (octets[1] & 0xff);
    int opcodeAndRd = ((octets[2] & 0xff) << 8) & (RD | OPCODE_MASK);
    return Optional.of(new DnsMessage(id, QR | opcodeAndRd | extraFlags | RCODE_FORMERR, List.of(), List.of(), List.of(), List.of())
        .encode());
  }

  public static DnsDecodeResult decode(ByteBuffer buf) {
    int b = buf.position();
    int len = buf.remaining();
    if (len < HEADER) return new DnsDecodeError("header", 0, len + " octets");
    ByteBuffer m = buf.slice(b, len);
    int[] pos = {HEADER};
    List<DnsQuestion> qs = new ArrayList<>();
    int qd = m.getShort(4) & 0xffff;
    for (int i = 0; i < qd; i++) {
      int at = pos[0];
      String name = DnsName.read(m, pos);
      if (name == null) return new DnsDecodeError("question " + i + " name", at, "bad label or pointer");
      if (pos[0] + 4 > len) return new DnsDecodeError("question " + i, pos[0], "truncated");
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
        String name = DnsName.read(m, pos);
        if (name == null) return new DnsDecodeError(names[s] + " " + i + " name", at, "bad label or pointer");
        if (pos[0] + 10 > len) return new DnsDecodeError(names[s] + " " + i, pos[0], "truncated");
        int rdlen = m.getShort(pos[0] + 8) & 0xffff;
        if (pos[0] + 10 + rdlen > len) return new DnsDecodeError(names[s] + " " + i + " rdata", pos[0] + 8, "length " + rdlen);
        byte[] rdata = new byte[rdlen];
        m.get(pos[0] + 10, rdata);
        rs.add(new DnsRecord(name, m.getShort(pos[0]) & 0xffff, m.getShort(pos[0] + 2) & 0xffff, m.getInt(pos[0] + 4) & 0xffffffffL,
            rdata));
        pos[0] += 10 + rdlen;
      }
      sections.add(rs);
    }
    return new DnsMessage(m.getShort(0) & 0xffff, m.getShort(2) & 0xffff, qs, sections.get(0), sections.get(1), sections.get(2));
  }

  /** The wire form; throws IllegalArgumentException when a name cannot be encoded (see {@link DnsName#toWire}). */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    ByteBuffer h = ByteBuffer.allocate(HEADER);
    h.putShort((short) id).putShort((short) flags).putShort((short) questions.size()).putShort((short) answers.size())
        .putShort((short) authorities.size()).putShort((short) additionals.size());
    out.writeBytes(h.array());
    for (DnsQuestion q : questions) {
      DnsName.write(out, q.name());
      out.writeBytes(ByteBuffer.allocate(4).putShort((short) q.type()).putShort((short) q.qclass()).array());
    }
    for (List<DnsRecord> section : List.of(answers, authorities, additionals)) {
      for (DnsRecord r : section) {
        DnsName.write(out, r.name());
        byte[] rd = r.rdata();
        out.writeBytes(ByteBuffer.allocate(10).putShort((short) r.type()).putShort((short) r.rclass()).putInt((int) r.ttl())
            .putShort((short) rd.length).array());
        out.writeBytes(rd);
      }
    }
    return out.toByteArray();
  }
}
