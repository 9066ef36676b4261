/** XMPP stream codec, the agent/control-node route and config message schema, and a session driver. */
module io.weft.xmpp {
  requires org.slf4j;

  exports io.weft.xmpp;
  exports io.weft.xmpp.stream;
  exports io.weft.xmpp.message;
  exports io.weft.xmpp.session;
}
