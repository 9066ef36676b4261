package io.weft.xmpp.message;

/** {@code load-balance-field-list} values (TF xmpp_unicast.xsd LoadBalanceFieldType). */
public enum LoadBalanceField {
  L3_SOURCE_ADDRESS("l3-source-address"),
  L3_DESTINATION_ADDRESS("l3-destination-address"),
  L4_PROTOCOL("l4-protocol"),
  L4_SOURCE_PORT("l4-source-port"),
  L4_DESTINATION_PORT("l4-destination-port");

  private final String xml;

  LoadBalanceField(String xml) {
    this.xml = xml;
  }

  public String xml() {
    return xml;
  }

  public static LoadBalanceField fromXml(String s) {
    for (LoadBalanceField f : values()) {
      if (f.xml.equals(s)) return f;
    }
    return null;
  }
}
