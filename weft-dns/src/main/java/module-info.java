/** The DNS wire codec (RFC 1035) the vRouter agent's DNS service and the control node's DNS server share. */
module io.weft.dns {
  exports io.weft.dns;
}
