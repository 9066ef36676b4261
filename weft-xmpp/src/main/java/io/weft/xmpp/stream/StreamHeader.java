package io.weft.xmpp.stream;

import java.util.List;

/**
 * The {@code <stream:stream>} open tag (RFC 6120 §4.7). The original (src/xmpp/xmpp_str.h)
 * writes {@code <?xml version='1.0'?><stream:stream from='…' to='…' version='1.0'
 * xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>}; the
 * responding side adds an {@code id}.
 */
public record StreamHeader(String from, String to, String id, String version, String xmlns) {
  public static final String STREAM_NS = "http://etherx.jabber.org/streams";
  public static final String JABBER_CLIENT = "jabber:client";
  public static final String STREAM_CLOSE = "</stream:stream>";

  public static StreamHeader of(String from, String to, String id) {
    return new StreamHeader(from, to, id, "1.0", JABBER_CLIENT);
  }

  static StreamHeader fromAttributes(List<Attribute> attributes) {
    String from = null, to = null, id = null, version = null, xmlns = null;
    for (Attribute a : attributes) {
      switch (a.name()) {
        case "from" -> from = a.value();
        case "to" -> to = a.value();
        case "id" -> id = a.value();
        case "version" -> version = a.value();
        case "xmlns" -> xmlns = a.value();
        default -> { }
      }
    }
    return new StreamHeader(from, to, id, version, xmlns);
  }

  /** The XML declaration and open tag, single-quoted as the original writes them. */
  public String encode() {
    StringBuilder sb = new StringBuilder("<?xml version='1.0'?><stream:stream");
    attr(sb, "from", from);
    attr(sb, "to", to);
    attr(sb, "id", id);
    attr(sb, "version", version == null ? "1.0" : version);
    sb.append(" xml:lang='en'");
    attr(sb, "xmlns", xmlns == null ? JABBER_CLIENT : xmlns);
    sb.append(" xmlns:stream='").append(STREAM_NS).append("'>");
    return sb.toString();
  }

  private static void attr(StringBuilder sb, String name, String value) {
    if (value == null) return;
    StringBuilder escaped = new StringBuilder();
    XmlWriter.escape(value, true, escaped);
    sb.append(' ').append(name).append("='").append(escaped.toString().replace("'", "&apos;")).append('\'');
  }
}
