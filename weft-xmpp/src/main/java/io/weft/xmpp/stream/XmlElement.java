package io.weft.xmpp.stream;

import java.util.ArrayList;
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
public record XmlElement(String name, List<Attribute> attributes, List<XmlElement> children, String text) {

  public XmlElement {
    Objects.requireNonNull(name, "name");
    attributes = List.copyOf(attributes);
    children = List.copyOf(children);
    text = text == null ? "" : text;
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

  /** Mutable builder; {@link #build()} takes a snapshot. */
  public static final class Builder {
    private final String name;
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    private Builder(String name) {
      this.name = name;
    }

    /** Adds the attribute unless the value is null. */
    public Builder attribute(String attributeName, Object value) {
      if (value != null) attributes.add(new Attribute(attributeName, value.toString()));
      return this;
    }

    public Builder child(XmlElement child) {
      children.add(child);
      return this;
    }

    /** Adds {@code <childName>value</childName>} unless the value is null. */
    public Builder leaf(String childName, Object value) {
      if (value != null) children.add(new Builder(childName).text(value.toString()).build());
      return this;
    }

    public Builder text(String value) {
      text.append(value);
      return this;
    }

    public String name() {
      return name;
    }

    public XmlElement build() {
      return new XmlElement(name, attributes, children, text.toString());
    }
  }
}
