package io.weft.app;

import io.weft.control.ControlNode;
import io.weft.control.bgp.BgpService;
import java.io.IOException;

/** The control role inside {@code weft up}: a control node watching the config role next to it. */
final class ControlRole implements AutoCloseable {
  private final ControlNode node;
  private final String dnsOffBecause; // null unless DNS was given up

  private ControlRole(ControlNode node, String dnsOffBecause) {
    this.node = node;
    this.dnsOffBecause = dnsOffBecause;
  }

  /**
   * Starts a control node on XMPP {@code xmppPort} and introspect {@code introspectPort}, watching {@code configUrl};
   * with {@code bgpRouter} (a BgpRouter's name, or null for no BGP) it speaks BGP as that router; it answers DNS for
   * port names in {@code domain} on UDP {@code dnsPort} (0 or negative: off). With {@code dnsBestEffort} a node that
   * cannot start with DNS (port 53 without root) starts without it, and {@link #describe} says why.
   */
  static ControlRole start(String configUrl, String token, String host, int xmppPort, int introspectPort, String bgpRouter,
      int dnsPort, String domain, boolean dnsBestEffort) throws ConfigRole.StartException {
    ControlNode.Settings settings = ControlNode.Settings.defaults(configUrl).withToken(token).withPorts(host, xmppPort, introspectPort);
    BgpService.Settings bgp = bgpRouter == null ? null : BgpService.Settings.of(bgpRouter, null);
    try {
      try {
        return new ControlRole(ControlNode.start(settings.withDns(dnsPort, domain), bgp), null);
      } catch (IOException e) {
        if (!dnsBestEffort || dnsPort <= 0) throw e;
        return new ControlRole(ControlNode.start(settings.withDns(-1, domain), bgp), e.getMessage());
      }
    } catch (IOException | RuntimeException e) {
      throw new ConfigRole.StartException("control node cannot listen on XMPP " + xmppPort + " / introspect " + introspectPort
          + " / DNS " + dnsPort + " (" + e.getMessage() + "); is another weft running? try --xmpp-port/--introspect-port;"
          + " DNS on port 53 needs root: --dns-port", e);
    }
  }

  int xmppPort() {
    return node.xmppPort();
  }

  /** The DNS port, or -1 when off. */
  int dnsPort() {
    return node.dnsPort();
  }

  String describe() {
    int introspect = node.introspectPort();
    int dns = node.dnsPort();
    return "XMPP on " + node.xmppPort() + ", introspect " + (introspect < 0 ? "off" : "on " + introspect)
        + ", DNS " + (dns >= 0 ? "on " + dns : dnsOffBecause == null ? "off" : "off (" + dnsOffBecause + "; --dns-port picks another)");
  }

  @Override
  public void close() {
    node.close();
  }
}
