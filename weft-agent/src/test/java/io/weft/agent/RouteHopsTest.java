package io.weft.agent;

import static io.weft.agent.AgentSessionTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.weft.agent.AgentSessionTest.RecordingDataplane;
import io.weft.agent.dataplane.ForwarderDataplane;
import io.weft.agent.oper.ConfigTable;
import io.weft.agent.oper.Route;
import io.weft.forwarder.Forwarder;
import io.weft.forwarder.ForwarderConfig;
import io.weft.forwarder.RouteStatus;
import io.weft.model.derived.PortConfigSpec;
import io.weft.xmpp.Jid;
import io.weft.xmpp.message.Encapsulation;
import io.weft.xmpp.message.EventItem;
import io.weft.xmpp.message.Family;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.RouteEvent;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.message.UnicastNlri;
import io.weft.xmpp.session.ChannelConfig;
import io.weft.xmpp.session.CloseReason;
import io.weft.xmpp.session.XmppChannel;
import io.weft.xmpp.session.XmppListener;
import io.weft.xmpp.session.XmppServer;
import io.weft.xmpp.message.XmppMessage;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Routes with several next hops from a control node: an ECMP set (a virtual IP shared by ports
 * on several hosts, this one among them) and a route leaked from another network whose next
 * hop is this host (a local port in another VRF) — both installed, neither dropped.
 */
class RouteHopsTest {
  static final String RED = "default-domain:finance:red:red";
  static final String BLUE = "default-domain:finance:blue:blue";
  static final Jid AGENT = Jid.agent("host-a").withResource(Jid.RESOURCE_BGP_PEER);

  static NextHop hop(String address, long label) {
    return new NextHop(1, address, null, label, 7001L, null, List.of(Encapsulation.UDP, Encapsulation.VXLAN), "default-domain:finance:red",
        List.of(), null);
  }

  static RouteEvent event(String vrf, String prefix, List<NextHop> hops) {
    UnicastEntry e = new UnicastEntry(new UnicastNlri(1, 1, prefix), hops, null, "default-domain:finance:red", null, null, List.of(),
        List.of(), 100L, null, null, null);
    return new RouteEvent(Jid.CONTROL, AGENT, Family.INET, vrf, List.of(EventItem.of(e)), List.of());
  }

  @Test
  void ecmpSetsAndLeakedLocalRoutesAreInstalled() throws Exception {
    List<XmppChannel> channels = new CopyOnWriteArrayList<>();
    try (XmppServer control = XmppServer.start(new InetSocketAddress("127.0.0.1", 0), Jid.CONTROL, ChannelConfig.DEFAULT,
        new XmppListener() {
          public void onEstablished(XmppChannel ch) {
            channels.add(ch);
          }

          public void onMessage(XmppChannel ch, XmppMessage m) {}

          public void onClosed(XmppChannel ch, CloseReason r) {}
        })) {
      RecordingDataplane dp = new RecordingDataplane();
      Agent agent = new Agent(new AgentOptions("host-a", "127.0.1.1", List.of(new InetSocketAddress("127.0.0.1", control.port())),
          null, null, null, 0, List.of("udp", "vxlan")), dp);
      agent.start();
      await(() -> !channels.isEmpty(), "the agent's session");
      PortConfigSpec spec = new PortConfigSpec("web-1", "finance/red", List.of("finance/red"), "02:aa:00:00:00:01",
          List.of(new PortConfigSpec.Address("finance/red", "10.1.1.11", 24, "10.1.1.1", "10.1.1.2")), List.of("tier=web"), List.of(),
          false, null, "host-a", null, List.of());
      agent.putPortConfig(new ConfigTable.PortEntry("default-domain:finance:web-1", "finance", "web-1", "uid-1", spec));
      agent.addPort("uid-1", "vm-1", "web-1", "tapweb1", "eth0", null);
      long label = agent.ports().get("uid-1").label();
      XmppChannel ch = channels.getFirst();

      // A virtual IP on three ports: two other hosts and this one.
      ch.send(event(RED, "10.1.1.100/32", List.of(hop("127.0.1.2", 5000), hop("127.0.1.3", 5001), hop("127.0.1.1", label))));
      await(() -> dp.routes.containsKey(RED + " 10.1.1.100/32"), "the ECMP route");
      Route vip = dp.routes.get(RED + " 10.1.1.100/32");
      assertThat(vip.members()).extracting(Route.Hop::nextHop).containsExactly("127.0.1.2", "127.0.1.3", "127.0.1.1");
      assertThat(vip.members()).extracting(Route.Hop::localPort).containsExactly(null, null, "uid-1");
      assertThat(vip.local()).isFalse();

      // The red port's route leaked into blue (a policy joins them): next hop this host, reached through the port.
      ch.send(event(BLUE, "10.1.1.11/32", List.of(hop("127.0.1.1", label))));
      await(() -> dp.routes.containsKey(BLUE + " 10.1.1.11/32"), "the leaked route");
      Route leaked = dp.routes.get(BLUE + " 10.1.1.11/32");
      assertThat(leaked.members()).singleElement().satisfies(h -> assertThat(h.localPort()).isEqualTo("uid-1"));
      assertThat(agent.vrfs().lookupHost(BLUE, "10.1.1.11")).isEqualTo(leaked);

      // The port's own route reflected back into its own VRF leaves the local route in place.
      ch.send(event(RED, "10.1.1.11/32", List.of(hop("127.0.1.1", label))));
      ch.send(event(RED, "10.1.1.12/32", List.of(hop("127.0.1.2", 5002))));
      await(() -> dp.routes.containsKey(RED + " 10.1.1.12/32"), "a later route");
      assertThat(dp.routes.get(RED + " 10.1.1.11/32").local()).isTrue();
      agent.close();
    }
  }

  @Test
  void theForwarderGetsAnEcmpNextHopAndTheRemoteMac() throws Exception {
    try (ForwarderDataplane dp = new ForwarderDataplane(Forwarder.start(ForwarderConfig.defaults(), null), null)) {
      dp.addVrf(RED, 7001);
      List<Route.Hop> hops = List.of(new Route.Hop("127.0.1.2", 5000, 7001, List.of("udp", "vxlan"), null),
          new Route.Hop("127.0.1.3", 5001, 7001, List.of("udp", "vxlan"), null));
      dp.setRoute(RED, "10.1.1.100/32", new Route(RED, "10.1.1.100/32", "127.0.1.2", 5000, 7001, List.of("udp", "vxlan"), "red", null,
          List.of(), List.of(), null, hops));
      dp.setRoute(RED, "10.1.1.20/32", new Route(RED, "10.1.1.20/32", "127.0.1.2", 5003, 7001, List.of("udp", "vxlan"), "red",
          "02:aa:00:00:00:20", List.of(), List.of(), null));
      List<RouteStatus> status = dp.forwarder().status();
      assertThat(status).anySatisfy(s -> assertThat(s.key() + " " + s.target()).contains("10.1.1.100").contains("Ecmp")
          .contains("127.0.1.2").contains("127.0.1.3"));
      assertThat(status).anySatisfy(s -> assertThat(s.key() + " " + s.target()).containsIgnoringCase("02:aa:00:00:00:20")
          .contains("VXLAN"));
      dp.setRoute(RED, "10.1.1.20/32", null);
      assertThat(dp.forwarder().status()).noneSatisfy(s -> assertThat(s.key()).containsIgnoringCase("02:aa:00:00:00:20"));
    }
  }
}
