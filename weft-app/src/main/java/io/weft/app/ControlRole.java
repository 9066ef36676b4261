package io.weft.app;

import io.weft.control.ControlNode;
import io.weft.control.bgp.BgpService;
import java.io.IOException;

/** The control role inside {@code weft up}: a control node watching the config role next to it. */
final class ControlRole implements AutoCloseable {
  private final ControlNode node;

  private ControlRole(ControlNode node) {
    this.node = node;
  }

  /**
   * Starts a control node on XMPP {@code xmppPort} and introspect {@code introspectPort}, watching {@code configUrl};
   * with {@code bgpRouter} (a BgpRouter's name, or null for no BGP) it speaks BGP as that router.
   */
  static ControlRole start(String configUrl, String token, String host, int xmppPort, int introspectPort, String bgpRouter)
      throws ConfigRole.StartException {
    try {
      return new ControlRole(ControlNode.start(ControlNode.Settings.defaults(configUrl).withToken(token)
          .withPorts(host, xmppPort, introspectPort), bgpRouter == null ? null : BgpService.Settings.of(bgpRouter, null)));
    } catch (IOException | RuntimeException e) {
      throw new ConfigRole.StartException("control node cannot listen on XMPP " + xmppPort + " / introspect " + introspectPort
          + " (" + e.getMessage() + "); is another weft running? try --xmpp-port/--introspect-port", e);
    }
  }

  int xmppPort() {
    return node.xmppPort();
  }

  String describe() {
    int introspect = node.introspectPort();
    return "XMPP on " + node.xmppPort() + ", introspect " + (introspect < 0 ? "off" : "on " + introspect);
  }

  @Override
  public void close() {
    node.close();
  }
}
