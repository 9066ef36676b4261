/**
 * The vRouter forwarder: packet codecs, flow/FIB/MAC/label/VNI tables, the packet pipeline
 * with MPLSoUDP, VXLAN and MPLSoGRE encapsulation, and port backends (TAP through FFM,
 * in-memory). The agent programs it through {@link io.weft.forwarder.Forwarder}.
 */
module io.weft.forwarder {
  requires org.slf4j;

  exports io.weft.forwarder;
  exports io.weft.forwarder.packet;
  exports io.weft.forwarder.port;
}
