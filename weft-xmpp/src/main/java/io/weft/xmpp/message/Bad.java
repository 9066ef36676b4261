package io.weft.xmpp.message;

import io.weft.xmpp.stream.XmlElement;

/** Unwinds a decoder to {@link XmppCodec#decode}, which turns it into a {@link DecodeError}. */
final class Bad extends RuntimeException {
  final transient XmlElement where;

  Bad(String reason, XmlElement where) {
    super(reason, null, false, false);
    this.where = where;
  }
}
