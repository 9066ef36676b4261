package io.weft.xmpp.stream;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Push framer for one inbound XMPP stream: bytes in any chunking, events out.
 *
 * <pre>
 *   feed("&lt;?xml version='1.0'?&gt;&lt;stream:stream to='x' ")   →  []
 *   feed("version='1.0'&gt;  &lt;iq type='set'&gt;&lt;pub")          →  [StreamOpened, KeepaliveReceived]
 *   feed("sub/&gt;&lt;/iq&gt;&lt;/stream:stream&gt;")                →  [StanzaReceived(iq), StreamClosed]
 * </pre>
 *
 * <p>It accepts the restricted XML of RFC 6120 §11: elements, attributes, character data,
 * the five predefined entities and character references, CDATA; the XML declaration before the
 * stream header; comments are skipped. A DTD or a processing instruction inside the stream is
 * refused. Only markup that is complete is decoded, so a UTF-8 sequence or a tag split across
 * reads is never misread, and scanning resumes where the previous read stopped, so feeding one
 * byte at a time costs linear time. Limits are checked before more input is buffered.
 *
 * <p>Not thread-safe: one reader thread owns a parser.
 */
public final class XmppStreamParser {
  private enum Phase { PROLOG, IN_STREAM, CLOSED, FAILED }

  private final StreamLimits limits;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);

  /** What an idle stream keeps buffered; a larger buffer (a big stanza, a burst of reads) is dropped once drained. */
  private static final int IDLE_BUFFER = 8192;

  private byte[] buf = new byte[IDLE_BUFFER];
  private int start;      // first unconsumed byte
  private int end;        // one past the last buffered byte
  private long base;      // stream offset of buf[0]
  private int resume;     // bytes after start already scanned for the pending token's end
  private byte quote;     // open quote while scanning a start tag, 0 if none
  private Phase phase = Phase.PROLOG;
  private final Deque<XmlElement.Builder> open = new ArrayDeque<>();
  private long stanzaStart = -1;
  private FramingError failure;

  public XmppStreamParser(StreamLimits limits) {
    this.limits = limits;
  }

  public XmppStreamParser() {
    this(StreamLimits.DEFAULT);
  }

  /** The failure that stopped the stream, or null. */
  public FramingError failure() {
    return failure;
  }

  public List<StreamEvent> feed(byte[] data) {
    return feed(data, 0, data.length);
  }

  /** Consumes {@code len} bytes; never throws on any input. */
  public List<StreamEvent> feed(byte[] data, int off, int len) {
    List<StreamEvent> out = new ArrayList<>();
    if (phase == Phase.FAILED) {
      out.add(new StreamFailed(failure));
      return out;
    }
    if (phase == Phase.CLOSED) return out;
    append(data, off, len);
    try {
      parse(out);
      if (start == end && buf.length > IDLE_BUFFER) {
        base += start;
        start = end = 0;
        buf = new byte[IDLE_BUFFER];
      }
    } catch (Fail f) {
      stop(f.error, out);
    } catch (RuntimeException e) { // a parser bug must still close only this stream
      stop(new FramingError(FramingError.Kind.MALFORMED, "unparseable input: " + e, base + start, ""), out);
    }
    return out;
  }

  private void stop(FramingError error, List<StreamEvent> out) {
    phase = Phase.FAILED;
    failure = error;
    out.add(new StreamFailed(failure));
    open.clear();
    buf = new byte[0];
    start = end = 0;
  }

  private void append(byte[] data, int off, int len) {
    if (start > 0 && (end + len > buf.length || start == end)) {
      System.arraycopy(buf, start, buf, 0, end - start);
      base += start;
      end -= start;
      start = 0;
    }
    if (end + len > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(end + len, buf.length * 2));
    }
    System.arraycopy(data, off, buf, end, len);
    end += len;
  }

  private void parse(List<StreamEvent> out) {
    boolean keepalive = false;
    long keepaliveAt = 0;
    while (start < end && phase != Phase.CLOSED) {
      byte b = buf[start];
      if (b != '<') {
        if (open.isEmpty()) {
          int n = whitespaceLength(start);
          if (n == 0) break; // a split U+0200: wait for the next byte
          if (phase == Phase.IN_STREAM && !keepalive) {
            keepalive = true;
            keepaliveAt = base + start;
          }
          start += n;
          continue;
        }
        if (!text()) break;
        continue;
      }
      if (!markup(out)) break;
    }
    if (keepalive) out.add(new KeepaliveReceived(keepaliveAt));
    checkPendingSize();
  }

  /** Length of the whitespace unit at i, 0 if incomplete; fails on anything else. */
  private int whitespaceLength(int i) {
    byte b = buf[i];
    if (b == ' ' || b == '\t' || b == '\r' || b == '\n') return 1;
    if (b == (byte) 0xC8) { // U+0200, the original's keepalive (sXMPP_WHITESPACE)
      if (i + 1 >= end) return 0;
      if (buf[i + 1] == (byte) 0x80) return 2;
    }
    throw fail(phase == Phase.PROLOG ? FramingError.Kind.BAD_STREAM_HEADER : FramingError.Kind.MALFORMED,
        phase == Phase.PROLOG ? "expected the stream header" : "character data outside a stanza", i);
  }

  /** Character data inside a stanza, up to the next '<'. */
  private boolean text() {
    int lt = indexOf((byte) '<', start + resume);
    if (lt < 0) {
      resume = end - start;
      return false;
    }
    String s = decode(start, lt);
    open.peek().text(unescape(s, start, false));
    start = lt;
    resume = 0;
    return true;
  }

  private boolean markup(List<StreamEvent> out) {
    if (end - start < 2) return false;
    byte b1 = buf[start + 1];
    if (b1 == '?') {
      int close = indexOf(new byte[] {'?', '>'});
      if (close < 0) return false;
      if (phase != Phase.PROLOG || !open.isEmpty()) {
        throw fail(FramingError.Kind.RESTRICTED_XML, "processing instruction inside the stream", start);
      }
      consume(close + 2);
      return true;
    }
    if (b1 == '!') {
      if (end - start < 4) return false;
      if (buf[start + 2] == '-' && buf[start + 3] == '-') {
        int close = indexOf(new byte[] {'-', '-', '>'});
        if (close < 0) return false;
        decode(start, close); // comments must still be valid UTF-8
        consume(close + 3);
        return true;
      }
      if (end - start < 9) return false;
      if (startsWith("<![CDATA[") && !open.isEmpty()) {
        int close = indexOf(new byte[] {']', ']', '>'});
        if (close < 0) return false;
        String s = decode(start + 9, close);
        checkChars(s, start + 9);
        open.peek().text(s);
        consume(close + 3);
        return true;
      }
      throw fail(FramingError.Kind.RESTRICTED_XML, "DTD or unexpected declaration", start);
    }
    if (b1 == '/') {
      int close = indexOf((byte) '>', start + Math.max(resume, 2));
      if (close < 0) {
        resume = end - start;
        return false;
      }
      long at = base + start;
      int nameEnd = close;
      while (nameEnd > start + 2 && isSpace((char) buf[nameEnd - 1])) nameEnd--;
      if (!open.isEmpty() && sameAscii(open.peek().name(), start + 2, nameEnd)) {
        consume(close + 1);
        finishElement(out); // the common case, with no string built for the name
        return true;
      }
      String name = decode(start + 2, close).strip();
      consume(close + 1);
      endTag(name, at, out);
      return true;
    }
    int close = findTagEnd();
    if (close < 0) return false;
    long at = base + start;
    int tagStart = start;
    consume(close + 1);
    startTag(tagStart, close, at, out);
    return true;
  }

  /** Index of the '>' closing the start tag at {@code start}, skipping quoted values; -1 if incomplete. */
  private int findTagEnd() {
    for (int i = start + Math.max(resume, 1); i < end; i++) {
      byte b = buf[i];
      if (quote != 0) {
        if (b == quote) quote = 0;
      } else if (b == '"' || b == '\'') {
        quote = b;
      } else if (b == '>') {
        quote = 0;
        return i;
      } else if (b == '<') {
        throw fail(FramingError.Kind.MALFORMED, "'<' inside a tag", i);
      }
    }
    resume = end - start;
    return -1;
  }

  private void startTag(int s, int close, long at, List<StreamEvent> out) {
    boolean selfClosing = buf[close - 1] == '/';
    int from = s + 1;
    int to = selfClosing ? close - 1 : close;
    if (!ascii(from, to)) decode(from, to); // invalid UTF-8 anywhere in the tag fails as such
    int i = from;
    while (i < to && isNameChar((char) (buf[i] & 0xFF), i == from)) i++;
    if (i == from) throw fail(FramingError.Kind.MALFORMED, "missing element name", from);
    String name = name(from, i);
    List<Attribute> attributes = attributes(i, to, from);
    if (phase == Phase.PROLOG) {
      if (!name.equals("stream:stream") || selfClosing) {
        throw fail(FramingError.Kind.BAD_STREAM_HEADER, "expected <stream:stream>, got <" + name + ">", s);
      }
      StreamHeader header = StreamHeader.fromAttributes(attributes);
      String ns = header.xmlns();
      if (ns != null && !ns.equals("jabber:client") && !ns.equals("jabber:server")) {
        throw fail(FramingError.Kind.BAD_STREAM_HEADER, "unknown stream namespace " + ns, s);
      }
      phase = Phase.IN_STREAM;
      out.add(new StreamOpened(header, at));
      return;
    }
    if (open.isEmpty()) stanzaStart = at;
    if (open.size() + 1 > limits.maxDepth()) {
      throw fail(FramingError.Kind.TOO_DEEP, "element nesting deeper than " + limits.maxDepth(), s);
    }
    XmlElement.Builder builder = XmlElement.builder(name);
    for (Attribute a : attributes) builder.attribute(a.name(), a.value());
    open.push(builder);
    if (selfClosing) finishElement(out);
  }

  private void endTag(String name, long at, List<StreamEvent> out) {
    if (open.isEmpty()) {
      if (name.equals("stream:stream")) {
        phase = Phase.CLOSED;
        out.add(new StreamClosed(at));
        return;
      }
      throw failAt(FramingError.Kind.MALFORMED, "unexpected end tag </" + name + ">", at);
    }
    if (!open.peek().name().equals(name)) {
      throw failAt(FramingError.Kind.MALFORMED,
          "end tag </" + name + "> does not match <" + open.peek().name() + ">", at);
    }
    finishElement(out);
  }

  private void finishElement(List<StreamEvent> out) {
    XmlElement element = open.pop().build();
    if (!open.isEmpty()) {
      open.peek().child(element);
      return;
    }
    long length = base + start - stanzaStart;
    if (length > limits.maxStanzaBytes()) {
      throw failAt(FramingError.Kind.STANZA_TOO_LARGE,
          "stanza of " + length + " bytes exceeds " + limits.maxStanzaBytes(), stanzaStart);
    }
    out.add(new StanzaReceived(element, stanzaStart, (int) length));
    stanzaStart = -1;
  }

  private void checkPendingSize() {
    if (phase == Phase.CLOSED || phase == Phase.FAILED) return;
    long from = stanzaStart >= 0 ? stanzaStart : base + start;
    long pending = base + end - from;
    if (pending > limits.maxStanzaBytes()) {
      throw failAt(FramingError.Kind.STANZA_TOO_LARGE,
          "stanza exceeds " + limits.maxStanzaBytes() + " bytes", from);
    }
  }

  private void consume(int newStart) {
    start = newStart;
    resume = 0;
    quote = 0;
  }

  private boolean startsWith(String ascii) {
    if (end - start < ascii.length()) return false;
    for (int i = 0; i < ascii.length(); i++) {
      if (buf[start + i] != ascii.charAt(i)) return false;
    }
    return true;
  }

  private int indexOf(byte b, int from) {
    for (int i = from; i < end; i++) {
      if (buf[i] == b) return i;
    }
    return -1;
  }

  /** Finds {@code seq} after the token start, resuming the previous scan; -1 if absent. */
  private int indexOf(byte[] seq) {
    int from = start + Math.max(2, resume);
    outer:
    for (int i = from; i + seq.length <= end; i++) {
      for (int j = 0; j < seq.length; j++) {
        if (buf[i + j] != seq[j]) continue outer;
      }
      return i;
    }
    resume = Math.max(2, end - start - seq.length + 1);
    return -1;
  }

  private String decode(int from, int to) {
    // Almost every byte of this protocol is ASCII: copy it as Latin-1 (one array copy, a
    // compact string) and use the validating UTF-8 decoder only when a high bit is set.
    if (ascii(from, to)) return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    try {
      return utf8.reset().decode(ByteBuffer.wrap(buf, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw fail(FramingError.Kind.BAD_ENCODING, "invalid UTF-8", from);
    }
  }

  private boolean ascii(int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] < 0) return false;
    }
    return true;
  }

  /** XML 1.0 §2.2 Char: no C0 controls except tab, LF, CR; no U+FFFE/U+FFFF. */
  private void checkChars(String s, int at) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF) {
        throw fail(FramingError.Kind.MALFORMED, "character U+" + Integer.toHexString(c) + " not allowed", at);
      }
    }
  }

  /** Resolves entity and character references; in attributes, literal whitespace becomes a space. */
  String unescape(String s, int at, boolean attribute) {
    if (plain(s, at, attribute)) return s;
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '&') {
        int semi = s.indexOf(';', i);
        if (semi < 0 || semi - i > 12) throw fail(FramingError.Kind.MALFORMED, "unterminated reference", at);
        String ref = s.substring(i + 1, semi);
        switch (ref) {
          case "lt" -> sb.append('<');
          case "gt" -> sb.append('>');
          case "amp" -> sb.append('&');
          case "quot" -> sb.append('"');
          case "apos" -> sb.append('\'');
          default -> sb.appendCodePoint(charRef(ref, at));
        }
        i = semi;
      } else if (attribute && (c == '\t' || c == '\n' || c == '\r')) {
        sb.append(' ');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * One pass of {@link #checkChars} that also tells whether {@code s} is its own value: no
   * reference to resolve and, in an attribute, no literal whitespace to normalise.
   */
  private boolean plain(String s, int at, boolean attribute) {
    boolean plain = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '&' && c < 0xFFFE) continue;
      if (c == '&') {
        plain = false;
      } else if (c == '\t' || c == '\n' || c == '\r') {
        if (attribute) plain = false;
      } else {
        throw fail(FramingError.Kind.MALFORMED, "character U+" + Integer.toHexString(c) + " not allowed", at);
      }
    }
    return plain;
  }

  /** True when bytes [from, to) are the ASCII string {@code name}. */
  private boolean sameAscii(String name, int from, int to) {
    if (to - from != name.length()) return false;
    for (int i = 0; i < name.length(); i++) {
      if (buf[from + i] != name.charAt(i)) return false;
    }
    return true;
  }

  /**
   * Element and attribute names, one shared (interned) string per name: the schema has a few
   * dozen, and every stanza repeats them. Shared by all parsers without a lock: a slot holds
   * an immutable string or null, so a race or a collision only costs building the string again.
   */
  private static final String[] NAMES = new String[1024];

  private String name(int from, int to) {
    int h = 0;
    for (int i = from; i < to; i++) h = 31 * h + buf[i];
    int slot = (h ^ (h >>> 10)) & (NAMES.length - 1);
    String cached = NAMES[slot];
    if (cached != null && sameAscii(cached, from, to)) return cached;
    String n = new String(buf, from, to - from, StandardCharsets.ISO_8859_1).intern();
    NAMES[slot] = n;
    return n;
  }

  private int charRef(String ref, int at) {
    int cp;
    try {
      if (ref.startsWith("#x")) cp = Integer.parseInt(ref.substring(2), 16);
      else if (ref.startsWith("#")) cp = Integer.parseInt(ref.substring(1));
      else throw fail(FramingError.Kind.RESTRICTED_XML, "unknown entity &" + ref + ";", at);
    } catch (NumberFormatException e) {
      throw fail(FramingError.Kind.MALFORMED, "bad character reference &" + ref + ";", at);
    }
    boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    if (!ok) throw fail(FramingError.Kind.MALFORMED, "character reference to an illegal character", at);
    return cp;
  }

  /** The attributes of a start tag, bytes [i, to); errors are reported at {@code at}, the tag's start. */
  private List<Attribute> attributes(int i, int to, int at) {
    List<Attribute> attributes = null;
    while (true) {
      int ws = i;
      while (i < to && isSpace((char) buf[i])) i++;
      if (i >= to) return attributes == null ? List.of() : attributes;
      if (i == ws) throw fail(FramingError.Kind.MALFORMED, "expected whitespace before attribute", at);
      int from = i;
      while (i < to && isNameChar((char) (buf[i] & 0xFF), i == from)) i++;
      if (i == from) throw fail(FramingError.Kind.MALFORMED, "bad attribute name", at);
      String name = name(from, i);
      while (i < to && isSpace((char) buf[i])) i++;
      if (i >= to || buf[i] != '=') throw fail(FramingError.Kind.MALFORMED, "expected '=' after " + name, at);
      i++;
      while (i < to && isSpace((char) buf[i])) i++;
      if (i >= to || (buf[i] != '"' && buf[i] != '\'')) throw fail(FramingError.Kind.MALFORMED, "unquoted attribute value", at);
      byte q = buf[i++];
      int close = i;
      while (close < to && buf[close] != q) {
        if (buf[close] == '<') throw fail(FramingError.Kind.MALFORMED, "'<' in attribute value", at);
        close++;
      }
      if (close >= to) throw fail(FramingError.Kind.MALFORMED, "unterminated attribute value", at);
      String raw = decode(i, close);
      i = close + 1;
      if (attributes == null) attributes = new ArrayList<>(4);
      for (Attribute a : attributes) {
        if (a.name().equals(name)) throw fail(FramingError.Kind.MALFORMED, "duplicate attribute " + name, at);
      }
      attributes.add(new Attribute(name, unescape(raw, at, true)));
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  /** ASCII subset of XML NameStartChar/NameChar; this protocol's names are all ASCII. */
  private static boolean isNameChar(char c, boolean first) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':') return true;
    return !first && ((c >= '0' && c <= '9') || c == '-' || c == '.');
  }

  private Fail fail(FramingError.Kind kind, String reason, int index) {
    return failAt(kind, reason, base + index);
  }

  private Fail failAt(FramingError.Kind kind, String reason, long offset) {
    int from = (int) Math.max(0, Math.min(offset - base, end));
    int to = Math.min(end, from + 48);
    StringBuilder ex = new StringBuilder();
    for (int i = from; i < to; i++) {
      int b = buf[i] & 0xFF;
      if (b >= 0x20 && b < 0x7F) ex.append((char) b);
      else ex.append(String.format("\\x%02x", b));
    }
    return new Fail(new FramingError(kind, reason, offset, ex.toString()));
  }

  /** Internal unwinding only; feed() turns it into a {@link StreamFailed} value. */
  private static final class Fail extends RuntimeException {
    final FramingError error;

    Fail(FramingError error) {
      super(error.reason(), null, false, false);
      this.error = error;
    }
  }
}
