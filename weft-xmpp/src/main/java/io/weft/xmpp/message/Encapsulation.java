package io.weft.xmpp.message;

/** {@code tunnel-encapsulation} values (TF xmpp_unicast.xsd TunnelEncapsulationType). */
public enum Encapsulation {
  GRE("gre"),
  UDP("udp"),
  VXLAN("vxlan"),
  MPLS("mpls"),
  NATIVE("native");

  private final String xml;

  Encapsulation(String xml) {
    this.xml = xml;
  }

  public String xml() {
    return xml;
  }

  public static Encapsulation fromXml(String s) {
    for (Encapsulation e : values()) {
      if (e.xml.equals(s)) return e;
    }
    return null;
  }
}
