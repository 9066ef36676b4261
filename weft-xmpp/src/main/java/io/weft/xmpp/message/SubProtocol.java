package io.weft.xmpp.message;

/** {@code sub-protocol} values (TF xmpp_unicast.xsd SubProtocolType). */
public enum SubProtocol {
  INTERFACE("interface"),
  INTERFACE_STATIC("interface-static"),
  SERVICE_INTERFACE("service-interface"),
  BGPAAS("bgpaas");

  private final String xml;

  SubProtocol(String xml) {
    this.xml = xml;
  }

  public String xml() {
    return xml;
  }

  public static SubProtocol fromXml(String s) {
    for (SubProtocol p : values()) {
      if (p.xml.equals(s)) return p;
    }
    return null;
  }
}
