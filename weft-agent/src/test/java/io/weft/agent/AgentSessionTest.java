package io.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.agent.dataplane.Dataplane;
import io.weft.agent.oper.ConfigTable;
import io.weft.agent.oper.LocalPort;
import io.weft.agent.oper.Route;
import io.weft.agent.oper.TagIds;
import io.weft.model.derived.PortConfigSpec;
import io.weft.xmpp.Jid;
import io.weft.xmpp.message.Encapsulation;
import io.weft.xmpp.message.EndOfRib;
import io.weft.xmpp.message.EventItem;
import io.weft.xmpp.message.Family;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.Publish;
import io.weft.xmpp.message.RouteEvent;
import io.weft.xmpp.message.Subscribe;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.message.UnicastNlri;
import io.weft.xmpp.message.XmppMessage;
import io.weft.xmpp.session.ChannelConfig;
import io.weft.xmpp.session.CloseReason;
import io.weft.xmpp.session.XmppChannel;
import io.weft.xmpp.session.XmppListener;
import io.weft.xmpp.session.XmppServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The agent against a scripted control node on loopback: subscribe, publish, routes in, headless, resync. */
class AgentSessionTest {
  static final String VRF = "default-domain:finance:red:red";

  /** A dataplane that records what it is told (test double). */
  static final class RecordingDataplane implements Dataplane {
    final Map<String, Route> routes = new ConcurrentHashMap<>();

    public void addPort(LocalPort port) {}

    public void portReady(LocalPort port) {}

    public void removePort(LocalPort port) {}

    public void addVrf(String vrf, long vni) {}

    public void setRoute(String vrf, String prefix, Route route) {
      if (route == null) routes.remove(vrf + " " + prefix);
      else routes.put(vrf + " " + prefix, route);
    }

    public void close() {}
  }

  static void await(BooleanSupplier cond, String what) throws InterruptedException {
    Instant end = Instant.now().plusSeconds(10);
    while (!cond.getAsBoolean()) {
      if (Instant.now().isAfter(end)) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  @Test
  void publishesPortsInstallsRoutesKeepsThemHeadlessAndSweepsAfterResync() throws Exception {
    List<XmppMessage> got = new CopyOnWriteArrayList<>();
    List<XmppChannel> channels = new CopyOnWriteArrayList<>();
    try (XmppServer control = XmppServer.start(new InetSocketAddress("127.0.0.1", 0), Jid.CONTROL, ChannelConfig.DEFAULT,
        new XmppListener() {
          public void onEstablished(XmppChannel ch) {
            channels.add(ch);
          }

          public void onMessage(XmppChannel ch, XmppMessage m) {
            got.add(m);
          }

          public void onClosed(XmppChannel ch, CloseReason r) {}
        })) {
      RecordingDataplane dp = new RecordingDataplane();
      Agent agent = new Agent(new AgentOptions("host-a", "127.0.1.1", List.of(new InetSocketAddress("127.0.0.1", control.port())),
          null, null, null, 0, List.of("udp", "vxlan")), dp);
      agent.start();
      await(() -> !channels.isEmpty(), "the agent's session");

      PortConfigSpec spec = new PortConfigSpec("web-1", "finance/red", List.of("finance/red"), "02:aa:00:00:00:01",
          List.of(new PortConfigSpec.Address("finance/red", "10.1.1.11", 24, "10.1.1.1", "10.1.1.2")),
          List.of("application=FinancePortal", "tier=web"), List.of("finance/web-sg"), false, null, "host-a", null, List.of());
      agent.putPortConfig(new ConfigTable.PortEntry("default-domain:finance:web-1", "finance", "web-1", "uid-1", spec));
      agent.addPort("uid-1", "vm-1", "web-1", "tapweb1", "eth0", null);

      await(() -> got.stream().anyMatch(m -> m instanceof Publish), "a publish");
      assertThat(got).anySatisfy(m -> assertThat(m).isInstanceOfSatisfying(Subscribe.class, s -> assertThat(s.node()).isEqualTo(VRF)));
      Publish p = (Publish) got.stream().filter(m -> m instanceof Publish).findFirst().orElseThrow();
      UnicastEntry e = (UnicastEntry) p.entry();
      assertThat(e.nlri().address()).isEqualTo("10.1.1.11/32");
      NextHop hop = e.nextHops().getFirst();
      assertThat(hop.address()).isEqualTo("127.0.1.1");
      assertThat(hop.label()).isGreaterThanOrEqualTo(4098);
      assertThat(hop.encapsulations()).containsExactly(Encapsulation.UDP, Encapsulation.VXLAN);
      assertThat(hop.tags()).containsExactlyInAnyOrder(TagIds.tagId("application=FinancePortal"), TagIds.tagId("tier=web"));
      assertThat(e.securityGroups()).containsExactly(TagIds.groupId("finance/web-sg"));
      assertThat(dp.routes).containsKey(VRF + " 10.1.1.11/32");

      // A remote endpoint's route arrives; its tags are names the agent knows.
      XmppChannel ch = channels.getFirst();
      NextHop remoteHop = new NextHop(1, "127.0.1.2", null, 5000, null, null, List.of(Encapsulation.UDP), "default-domain:finance:red",
          List.of(TagIds.tagId("tier=web")), null);
      UnicastEntry remote = new UnicastEntry(new UnicastNlri(1, 1, "10.1.1.20/32"), List.of(remoteHop), null,
          "default-domain:finance:red", null, null, List.of(), List.of(), 100L, null, null, null);
      Jid agentJid = Jid.agent("host-a").withResource(Jid.RESOURCE_BGP_PEER);
      ch.sendAll(List.of(new RouteEvent(Jid.CONTROL, agentJid, Family.INET, VRF, List.of(EventItem.of(remote)), List.of()),
          new EndOfRib(Jid.CONTROL, agentJid)));
      await(() -> dp.routes.containsKey(VRF + " 10.1.1.20/32"), "the remote route in the dataplane");
      Route r = agent.vrfs().lookupHost(VRF, "10.1.1.20");
      assertThat(r.nextHop()).isEqualTo("127.0.1.2");
      assertThat(r.label()).isEqualTo(5000);
      assertThat(r.tags()).containsExactly("tier=web");
      assertThat(agent.flows().decide(VRF, "10.1.1.11", "10.1.1.20", 6, 40000, 8080).allowed()).isTrue();
      assertThat(agent.flows().decide(VRF, "10.1.1.11", "10.9.9.9", 6, 40000, 8080).reason()).contains("no route");

      // Headless: the control node goes away; routes stay and are forwarded with.
      ch.close();
      await(() -> !agent.controllers().anyConnected(), "the session to drop");
      assertThat(dp.routes).containsKey(VRF + " 10.1.1.20/32");

      // It comes back (the agent reconnects) without the remote route: swept after End-of-RIB.
      await(() -> channels.size() == 2, "the agent to reconnect");
      await(() -> got.stream().filter(m -> m instanceof Publish).count() >= 2, "the agent to republish");
      assertThat(dp.routes).containsKey(VRF + " 10.1.1.20/32");
      channels.get(1).send(new EndOfRib(Jid.CONTROL, agentJid));
      await(() -> !dp.routes.containsKey(VRF + " 10.1.1.20/32"), "the stale route to be swept");
      assertThat(dp.routes).containsKey(VRF + " 10.1.1.11/32");
      agent.close();
    }
  }
}
