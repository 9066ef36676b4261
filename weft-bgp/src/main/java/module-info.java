/**
 * BGP-4 for Weft's control role: the wire codec ({@code io.weft.bgp.wire}), the session
 * handshake, state machine and driver ({@code io.weft.bgp.session}) and a small speaker
 * that owns sessions and exposes routes as events ({@code io.weft.bgp.peer}).
 */
module io.weft.bgp {
  requires org.slf4j;

  exports io.weft.bgp.wire;
  exports io.weft.bgp.session;
  exports io.weft.bgp.peer;
}
