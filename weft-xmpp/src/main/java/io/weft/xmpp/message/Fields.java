package io.weft.xmpp.message;

import io.weft.xmpp.stream.XmlElement;
import io.weft.xmpp.stream.XmlOutput;
import java.util.ArrayList;
import java.util.List;

/** Typed reads of leaf elements, each failing with a {@link Bad} that names the element. */
final class Fields {
  private Fields() {}

  static XmlElement required(XmlElement parent, String name) {
    XmlElement c = parent.child(name);
    if (c == null) throw new Bad("<" + parent.name() + "> lacks <" + name + ">", parent);
    return c;
  }

  static String text(XmlElement parent, String name) {
    return parent.childText(name);
  }

  static String requiredText(XmlElement parent, String name) {
    String s = required(parent, name).text().strip();
    if (s.isEmpty()) throw new Bad("<" + name + "> is empty", parent);
    return s;
  }

  static Long unsigned(XmlElement parent, String name) {
    String s = parent.childText(name);
    return s == null ? null : parseUnsigned(s, name, parent);
  }

  static long requiredUnsigned(XmlElement parent, String name) {
    return parseUnsigned(requiredText(parent, name), name, parent);
  }

  static int requiredInt(XmlElement parent, String name) {
    long v = requiredUnsigned(parent, name);
    if (v > 0xFFFF) throw new Bad("<" + name + "> out of range: " + v, parent);
    return (int) v;
  }

  static long parseUnsigned(String s, String name, XmlElement where) {
    try {
      long v = Long.parseLong(s.strip());
      if (v < 0 || v > 0xFFFF_FFFFL) throw new Bad("<" + name + "> out of 32-bit range: " + s, where);
      return v;
    } catch (NumberFormatException e) {
      throw new Bad("<" + name + "> is not a number: " + s, where);
    }
  }

  static Boolean bool(XmlElement parent, String name) {
    String s = parent.childText(name);
    return s == null ? null : parseBool(s, name, parent);
  }

  static Boolean parseBool(String s, String name, XmlElement where) {
    return switch (s.strip()) {
      case "true", "1" -> Boolean.TRUE;
      case "false", "0" -> Boolean.FALSE;
      default -> throw new Bad("<" + name + "> is not a boolean: " + s, where);
    };
  }

  /** {@code <list><item>n</item>…</list>} as numbers; empty when the list is absent. */
  static List<Long> unsignedList(XmlElement parent, String list, String item) {
    XmlElement l = parent.child(list);
    List<Long> out = new ArrayList<>();
    if (l == null) return out;
    for (XmlElement e : l.children(item)) out.add(parseUnsigned(e.text(), item, l));
    return out;
  }

  static List<String> textList(XmlElement parent, String list, String item) {
    XmlElement l = parent.child(list);
    List<String> out = new ArrayList<>();
    if (l == null) return out;
    for (XmlElement e : l.children(item)) out.add(e.text().strip());
    return out;
  }

  static void list(XmlOutput b, String list, String item, List<?> values) {
    if (values.isEmpty()) return;
    b.start(list);
    for (Object v : values) b.leaf(item, v);
    b.end(list);
  }
}
