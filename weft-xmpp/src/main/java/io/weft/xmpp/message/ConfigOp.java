package io.weft.xmpp.message;

/** The wrapper element of a config change: {@code <add>}, {@code <update>} or {@code <delete>}. */
public enum ConfigOp {
  ADD("add"),
  UPDATE("update"),
  DELETE("delete");

  private final String xml;

  ConfigOp(String xml) {
    this.xml = xml;
  }

  public String xml() {
    return xml;
  }

  public static ConfigOp fromXml(String s) {
    for (ConfigOp op : values()) {
      if (op.xml.equals(s)) return op;
    }
    return null;
  }
}
