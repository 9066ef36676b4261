package io.weft.xmpp.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.xmpp.Jid;
import io.weft.xmpp.stream.StanzaReceived;
import io.weft.xmpp.stream.StreamEvent;
import io.weft.xmpp.stream.XmppStreamParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stanzas as the original sends them (files under vectors/), decoded to records and re-encoded. */
class VectorTest {
  static final Jid AGENT = Jid.agent("compute-1");
  static final Jid BGP = Jid.CONTROL.withResource(Jid.RESOURCE_BGP_PEER);
  static final Jid AGENT_BGP = AGENT.withResource(Jid.RESOURCE_BGP_PEER);
  static final String RED = "default-domain:admin:red:red";
  static final String RED_VN = "default-domain:admin:red";

  static final UnicastEntry INET_ENTRY = new UnicastEntry(new UnicastNlri(1, 1, "10.1.1.3/32"),
      List.of(new NextHop(1, "192.168.0.11", null, 17, null, null, List.of(Encapsulation.UDP, Encapsulation.GRE),
          RED_VN, List.of(65537L, 131074L), null)),
      1L, RED_VN, new Mobility(0L, false), 0L, List.of(8000002L), List.of(), 100L, 0L,
      new LoadBalance(List.of(LoadBalanceField.L3_SOURCE_ADDRESS, LoadBalanceField.L4_DESTINATION_PORT),
          LoadBalanceDecision.FIELD_HASH),
      SubProtocol.INTERFACE);

  static final EvpnEntry EVPN_ENTRY = new EvpnEntry(
      new EvpnNlri(25, 242, 5001L, "02:00:0a:01:01:03", "10.1.1.3/32", null, null, null),
      List.of(new NextHop(1, "192.168.0.11", "00:00:5e:00:01:00", 5001, null, null, List.of(Encapsulation.VXLAN),
          null, List.of(65537L), null)),
      List.of(), List.of(), RED_VN, new Mobility(2L, false), null, List.of(8000002L), 100L, null, null, null, null, null);

  /** An item as the control node advertises an agent's inet route in red. */
  static EventItem redRoute(String prefix, String underlay, long label) {
    return new EventItem(prefix, new UnicastEntry(new UnicastNlri(1, 1, prefix),
        List.of(new NextHop(1, underlay, null, label, null, null, List.of(Encapsulation.GRE, Encapsulation.UDP), RED_VN,
            List.of(), null)),
        null, RED_VN, null, null, List.of(), List.of(), 100L, 200L, null, null));
  }

  static Stream<Arguments> vectors() {
    Map<String, XmppMessage> expected = Map.ofEntries(
        Map.entry("subscribe.xml", new Subscribe(AGENT, BGP, "subscribe3", RED, 3L, null)),
        Map.entry("unsubscribe.xml", new Unsubscribe(AGENT, BGP, "unsubscribe4", RED)),
        Map.entry("config-subscribe.xml", new Subscribe(AGENT, Jid.CONTROL.withResource("config"), "config-subscribe1",
            "virtual-router:default-global-system-config:compute-1", null, null)),
        Map.entry("publish-inet.xml", new Publish(AGENT, BGP, "pubsub5", RED, INET_ENTRY)),
        Map.entry("collection-associate.xml", new Collection(AGENT, BGP, "collection6", RED,
            "1/1/" + RED + "/10.1.1.3/32", CollectionAction.ASSOCIATE)),
        Map.entry("collection-dissociate.xml", new Collection(AGENT, BGP, "collection8", RED,
            "1/1/" + RED + "/10.1.1.3/32", CollectionAction.DISSOCIATE)),
        Map.entry("publish-evpn.xml", new Publish(AGENT, BGP, "pubsub9", RED, EVPN_ENTRY)),
        Map.entry("agent-eor.xml", new AgentEndOfRib(AGENT, BGP, "pubsub10")),
        Map.entry("event-inet.xml", new RouteEvent(Jid.CONTROL, AGENT_BGP, Family.INET, RED,
            List.of(new EventItem("10.1.1.4/32", new UnicastEntry(new UnicastNlri(1, 1, "10.1.1.4/32"),
                List.of(new NextHop(1, "192.168.0.12", null, 25, null, null,
                    List.of(Encapsulation.GRE, Encapsulation.UDP), RED_VN, List.of(), null)),
                null, RED_VN, null, null, List.of(), List.of(), 100L, 200L, null, null))),
            List.of("10.1.1.9/32"))),
        Map.entry("event-inet-multi.xml", new RouteEvent(Jid.CONTROL, AGENT_BGP, Family.INET, RED,
            List.of(redRoute("10.1.1.4/32", "192.168.0.12", 25), redRoute("10.1.1.5/32", "192.168.0.13", 31)),
            List.of("10.1.1.9/32"))),
        Map.entry("event-inet6.xml", new RouteEvent(Jid.CONTROL, AGENT_BGP, Family.INET6, RED,
            List.of(new EventItem("fd00:1::3/128", new UnicastEntry(new UnicastNlri(2, 1, "fd00:1::3/128"),
                List.of(new NextHop(1, "192.168.0.12", null, 26, null, null, List.of(Encapsulation.UDP), null,
                    List.of(), null)),
                null, RED_VN, null, null, List.of(), List.of(), null, null, null, null))),
            List.of())),
        Map.entry("event-evpn-retract.xml", new RouteEvent(Jid.CONTROL, AGENT_BGP, Family.EVPN, RED, List.of(),
            List.of("5001-02:00:0a:01:01:04,10.1.1.4/32", "ff:ff:ff:ff:ff:ff,0.0.0.0/32"))),
        Map.entry("eor.xml", new EndOfRib(Jid.CONTROL, AGENT_BGP)),
        Map.entry("config-update.xml", new ConfigUpdate(Jid.CONTROL, AGENT.withResource("config"), "config7", List.of(
            new ConfigChange(ConfigOp.ADD, "RoutingInstance", RED,
                "{\"vrf\":\"default-domain:admin:red:red\",\"vni\":5001,\"importTargets\":[\"target:64512:8000001\"]}"),
            new ConfigChange(ConfigOp.ADD, "PortConfig", "default-domain:admin:pod-a",
                "{\"mac\":\"02:00:0a:01:01:03\",\"ip\":\"10.1.1.3\",\"tags\":[65537]}"),
            new ConfigChange(ConfigOp.DELETE, "PortConfig", "default-domain:admin:pod-old", null)))));
    return expected.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decodesToTheRecordAndReEncodesToTheSameXml(String file, XmppMessage expected) throws IOException {
    String xml = read(file);
    StanzaReceived stanza = parseOne(xml);

    DecodeResult decoded = XmppCodec.decode(stanza.element(), stanza.offset());

    assertThat(decoded).isEqualTo(expected);
    assertThat(XmppCodec.encode(expected)).isEqualTo(canonical(xml));
    assertThat(XmppCodec.decode(parseOne(XmppCodec.encode(expected)).element(), 0)).isEqualTo(expected);
  }

  static String read(String file) throws IOException {
    try (InputStream in = VectorTest.class.getResourceAsStream("/vectors/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Drops the annotations and the indentation between tags. */
  static String canonical(String xml) {
    return xml.replaceAll("(?s)<!--.*?-->", "").replaceAll(">\\s+<", "><").strip();
  }

  static StanzaReceived parseOne(String stanzaXml) {
    XmppStreamParser p = new XmppStreamParser();
    List<StreamEvent> events = p.feed(("<stream:stream>" + stanzaXml).getBytes(StandardCharsets.UTF_8));
    List<StanzaReceived> stanzas = events.stream().filter(StanzaReceived.class::isInstance)
        .map(StanzaReceived.class::cast).toList();
    assertThat(stanzas).as("events %s", events).hasSize(1);
    return stanzas.getFirst();
  }
}
