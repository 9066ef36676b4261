package io.weft.xmpp.message;

/** {@code load-balance-decision} values (TF xmpp_unicast.xsd LoadBalanceDecisionType). */
public enum LoadBalanceDecision {
  FIELD_HASH("field-hash"),
  SOURCE_BIAS("source-bias");

  private final String xml;

  LoadBalanceDecision(String xml) {
    this.xml = xml;
  }

  public String xml() {
    return xml;
  }

  public static LoadBalanceDecision fromXml(String s) {
    for (LoadBalanceDecision d : values()) {
      if (d.xml.equals(s)) return d;
    }
    return null;
  }
}
