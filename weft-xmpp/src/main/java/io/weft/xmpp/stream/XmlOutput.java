package io.weft.xmpp.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streaming UTF-8 XML writer: the encoder writes stanzas straight into bytes, with no element
 * tree in between. It writes exactly what {@link XmlWriter} writes for the equivalent
 * {@link XmlElement} (compact, double-quoted attributes, {@code <x/>} for an element with no
 * content), so the two are interchangeable on the wire.
 *
 * <pre>
 *   out.start("items").attribute("node", "1/1/red").start("retract").attribute("id", "10.1.1.9/32").end("retract").end("items")
 *   →  &lt;items node="1/1/red"&gt;&lt;retract id="10.1.1.9/32"/&gt;&lt;/items&gt;
 * </pre>
 *
 * <p>Not thread-safe; one encoder fills one output.
 */
public final class XmlOutput {
  private byte[] buf;
  private int len;
  /** True after {@link #start} until the start tag's '>' (or "/>") is written. */
  private boolean startOpen;

  public XmlOutput() {
    this(512);
  }

  public XmlOutput(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public XmlOutput start(String name) {
    closeStart();
    put('<');
    ascii(name);
    startOpen = true;
    return this;
  }

  /** Writes {@code name="value"} in the open start tag, unless the value is null. */
  public XmlOutput attribute(String name, Object value) {
    if (value == null) return this;
    if (!startOpen) throw new IllegalStateException("attribute " + name + " outside a start tag");
    put(' ');
    ascii(name);
    put('=');
    put('"');
    escape(value.toString(), true);
    put('"');
    return this;
  }

  /** Character data of the current element; an empty string writes nothing. */
  public XmlOutput text(String s) {
    if (s.isEmpty()) return this;
    closeStart();
    escape(s, false);
    return this;
  }

  /** Ends the element opened by the matching {@link #start}. */
  public XmlOutput end(String name) {
    if (startOpen) {
      put('/');
      put('>');
      startOpen = false;
      return this;
    }
    put('<');
    put('/');
    ascii(name);
    put('>');
    return this;
  }

  /** {@code <name>value</name>} unless the value is null; numbers are written without a string. */
  public XmlOutput leaf(String name, Object value) {
    if (value == null) return this;
    start(name);
    switch (value) {
      case Long l -> number(l);
      case Integer i -> number(i);
      default -> text(value.toString());
    }
    return end(name);
  }

  public XmlOutput leaf(String name, long value) {
    start(name);
    number(value);
    return end(name);
  }

  /** Appends bytes already encoded by an {@code XmlOutput} (e.g. an element shared by many stanzas). */
  public XmlOutput raw(byte[] encoded) {
    closeStart();
    ensure(encoded.length);
    System.arraycopy(encoded, 0, buf, len, encoded.length);
    len += encoded.length;
    return this;
  }

  /** Writes an element tree. */
  public XmlOutput element(XmlElement e) {
    start(e.name());
    for (Attribute a : e.attributes()) attribute(a.name(), a.value());
    text(e.text());
    for (XmlElement c : e.children()) element(c);
    return end(e.name());
  }

  /** Bytes written so far. */
  public int size() {
    return len;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  public void writeTo(OutputStream out) throws IOException {
    out.write(buf, 0, len);
  }

  @Override
  public String toString() {
    return new String(buf, 0, len, StandardCharsets.UTF_8);
  }

  private void closeStart() {
    if (startOpen) {
      put('>');
      startOpen = false;
    }
  }

  private void number(long v) {
    closeStart();
    if (v >= 0 && v < 10) {
      put((char) ('0' + v));
      return;
    }
    ascii(Long.toString(v));
  }

  /** Names and numbers: ASCII by construction (the parser accepts only ASCII names). */
  private void ascii(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) buf[len++] = (byte) s.charAt(i);
  }

  private void put(char c) {
    if (len == buf.length) grow(1);
    buf[len++] = (byte) c;
  }

  private void ensure(int more) {
    if (len + more > buf.length) grow(more);
  }

  private void grow(int more) {
    buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
  }

  /** As {@link XmlWriter#escape}: markup characters; in attributes also quotes and literal whitespace (XML 1.0 §3.3.3). */
  private void escape(String s, boolean attribute) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        utf8(s, i);
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) i++;
        continue;
      }
      switch (c) {
        case '<' -> ascii("&lt;");
        case '>' -> ascii("&gt;");
        case '&' -> ascii("&amp;");
        case '"' -> {
          if (attribute) ascii("&quot;");
          else put(c);
        }
        case '\r' -> ascii("&#13;");
        case '\t' -> {
          if (attribute) ascii("&#9;");
          else put(c);
        }
        case '\n' -> {
          if (attribute) ascii("&#10;");
          else put(c);
        }
        default -> put(c);
      }
    }
  }

  /** One non-ASCII code point at {@code i} (a lone surrogate becomes '?', as String.getBytes does). */
  private void utf8(String s, int i) {
    int cp = s.codePointAt(i);
    if (Character.isSurrogate(s.charAt(i)) && !Character.isSupplementaryCodePoint(cp)) cp = '?';
    ensure(4);
    if (cp < 0x80) {
      buf[len++] = (byte) cp;
    } else if (cp < 0x800) {
      buf[len++] = (byte) (0xC0 | (cp >> 6));
      buf[len++] = (byte) (0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      buf[len++] = (byte) (0xE0 | (cp >> 12));
      buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      buf[len++] = (byte) (0x80 | (cp & 0x3F));
    } else {
      buf[len++] = (byte) (0xF0 | (cp >> 18));
      buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
      buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
      buf[len++] = (byte) (0x80 | (cp & 0x3F));
    }
  }
}
