package io.weft.xmpp.message;

/** {@code associate} means add or update the published item, {@code dissociate} delete it. */
public enum CollectionAction {
  ASSOCIATE("associate"),
  DISSOCIATE("dissociate");

  private final String xml;

  CollectionAction(String xml) {
    this.xml = xml;
  }

  public String xml() {
    return xml;
  }
}
