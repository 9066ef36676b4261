package io.weft.xmpp.stream;

import java.nio.charset.StandardCharsets;

/** Serialises an {@link XmlElement} as compact XML with double-quoted attributes. */
public final class XmlWriter {
  private XmlWriter() {}

  public static String write(XmlElement element) {
    return new XmlOutput(256).element(element).toString();
  }

  public static byte[] writeBytes(XmlElement element) {
    return write(element).getBytes(StandardCharsets.UTF_8);
  }

  public static void write(XmlElement e, StringBuilder sb) {
    sb.append(write(e));
  }

  /** Escapes markup characters; in attributes also quotes and literal whitespace (XML 1.0 §3.3.3). */
  public static void escape(String s, boolean attribute, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append(attribute ? "&quot;" : "\"");
        case '\r' -> sb.append("&#13;");
        case '\t' -> sb.append(attribute ? "&#9;" : "\t");
        case '\n' -> sb.append(attribute ? "&#10;" : "\n");
        default -> sb.append(c);
      }
    }
  }
}
