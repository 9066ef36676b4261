package io.weft.forwarder.packet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An MPLS label stack (RFC 3032 §2.1) and what follows the bottom of stack.
 * <pre>
 *  0                   1                   2                   3
 *  |        Label (20)                     | TC  |S|   TTL (8)     |
 * </pre>
 */
public record Mpls(List<Entry> labels, byte[] payload) {
  public static final int ENTRY = 4;
  public static final int MAX_LABEL = (1 << 20) - 1;

  /** One label stack entry; {@code bottom} is the S bit. */
  public record Entry(int label, int trafficClass, boolean bottom, int ttl) {
    public Entry {
      if (label < 0 || label > MAX_LABEL) throw new IllegalArgumentException("label " + label);
    }

    int word() {
      return label << 12 | (trafficClass & 7) << 9 | (bottom ? 1 << 8 : 0) | (ttl & 0xff);
    }
  }

  public Mpls {
    labels = List.copyOf(labels);
    if (labels.isEmpty() || !labels.getLast().bottom() || labels.stream().limit(labels.size() - 1).anyMatch(Entry::bottom))
      throw new IllegalArgumentException("exactly the last entry must have S set");
    payload = payload.clone();
  }

  public static Mpls single(int label, byte[] payload) {
    return new Mpls(List.of(new Entry(label, 0, true, 64)), payload);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  public static Decoded<Mpls> decode(ByteBuffer buf) {
    int b = buf.position();
    int len = buf.remaining();
    List<Entry> entries = new ArrayList<>();
    int at = 0;
    while (true) {
      if (at + ENTRY > len) return Decoded.malformed("mpls", "label stack entry", at, "no bottom of stack");
      int w = buf.getInt(b + at);
      at += ENTRY;
      boolean bottom = (w & 0x100) != 0;
      entries.add(new Entry(w >>> 12, (w >>> 9) & 7, bottom, w & 0xff));
      if (bottom) break;
    }
    byte[] payload = new byte[len - at];
    buf.get(b + at, payload);
    return Decoded.ok(new Mpls(entries, payload));
  }

  public byte[] encode() {
    ByteBuffer buf = ByteBuffer.allocate(labels.size() * ENTRY + payload.length);
    for (int i = 0; i < labels.size(); i++) buf.putInt(i * ENTRY, labels.get(i).word());
    buf.put(labels.size() * ENTRY, payload);
    return buf.array();
  }

  /** Writes one bottom-of-stack entry at an absolute index (the encapsulation hot path). */
  public static void writeEntry(ByteBuffer buf, int index, int label, int ttl) {
    buf.putInt(index, label << 12 | 1 << 8 | (ttl & 0xff));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mpls m && m.labels.equals(labels) && Arrays.equals(m.payload, payload);
  }

  @Override
  public int hashCode() {
    return labels.hashCode() * 31 + Arrays.hashCode(payload);
  }
}
