package io.weft.xmpp.stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable XML element: the unit the stream framer hands to the message codec.
 *
 * <p>Names are kept as written ({@code stream:features}); XMPP's restricted XML (RFC 6120
 * §11) is used here without namespace resolution, so {@code xmlns} is an ordinary attribute.
 * Character data of the element (excluding children) is concatenated into {@link #text()};
 * the position of text between children is not kept, which this schema never needs.
 */
public final class XmlElement {
  private final String name;
  private final List<Attribute> attributes;
  private final List<XmlElement> children;
  private final String text;

  public XmlElement(String name, List<Attribute> attributes, List<XmlElement> children, String text) {
    this(Objects.requireNonNull(name, "name"), List.copyOf(attributes), List.copyOf(children), text, true);
  }

  /** Takes the lists as they are: the builder hands over lists nobody else holds, read-only. */
  private XmlElement(String name, List<Attribute> attributes, List<XmlElement> children, String text, boolean trusted) {
    this.name = name;
    this.attributes = attributes;
    this.children = children;
    this.text = text == null ? "" : text;
  }

  public String name() {
    return name;
  }

  public List<Attribute> attributes() {
    return attributes;
  }

  public List<XmlElement> children() {
    return children;
  }

  /** Character data of the element itself, children excluded; never null. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof XmlElement e && name.equals(e.name) && attributes.equals(e.attributes)
        && children.equals(e.children) && text.equals(e.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, attributes, children, text);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The attribute's value, or null when absent. */
  public String attribute(String attributeName) {
    for (Attribute a : attributes) {
      if (a.name().equals(attributeName)) return a.value();
    }
    return null;
  }

  /** The first child with this name, or null. */
  public XmlElement child(String childName) {
    for (XmlElement c : children) {
      if (c.name().equals(childName)) return c;
    }
    return null;
  }

  public List<XmlElement> children(String childName) {
    List<XmlElement> out = new ArrayList<>();
    for (XmlElement c : children) {
      if (c.name().equals(childName)) out.add(c);
    }
    return out;
  }

  /** The stripped text of the first child with this name, or null when there is no such child. */
  public String childText(String childName) {
    XmlElement c = child(childName);
    return c == null ? null : c.text().strip();
  }

  @Override
  public String toString() {
    return XmlWriter.write(this);
  }

  /**
   * Mutable builder; {@link #build()} takes a snapshot. Lists and text are allocated only when
   * used: most elements of this protocol are leaves with one text chunk and no attributes.
   */
  public static final class Builder {
    private final String name;
    private List<Attribute> attributes;
    private List<XmlElement> children;
    private String text = "";
    private StringBuilder moreText;

    private Builder(String name) {
      this.name = name;
    }

    /** Adds the attribute unless the value is null. */
    public Builder attribute(String attributeName, Object value) {
      if (value == null) return this;
      if (attributes == null) attributes = new ArrayList<>(4);
      attributes.add(new Attribute(attributeName, value.toString()));
      return this;
    }

    public Builder child(XmlElement child) {
      if (children == null) children = new ArrayList<>();
      children.add(child);
      return this;
    }

    /** Adds {@code <childName>value</childName>} unless the value is null. */
    public Builder leaf(String childName, Object value) {
      if (value != null) child(new Builder(childName).text(value.toString()).build());
      return this;
    }

    public Builder text(String value) {
      if (value.isEmpty()) return this;
      if (moreText != null) moreText.append(value);
      else if (text.isEmpty()) text = value;
      else moreText = new StringBuilder(text).append(value);
      return this;
    }

    public String name() {
      return name;
    }

    /** The element; its lists are the builder's, handed over read-only, so the builder starts afresh. */
    public XmlElement build() {
      XmlElement e = new XmlElement(name, readOnly(attributes), readOnly(children),
          moreText == null ? text : moreText.toString(), true);
      attributes = null;
      children = null;
      text = "";
      moreText = null;
      return e;
    }

    private static <T> List<T> readOnly(List<T> list) {
      if (list == null) return List.of();
      return list.size() == 1 ? List.of(list.getFirst()) : Collections.unmodifiableList(list);
    }
  }
}
