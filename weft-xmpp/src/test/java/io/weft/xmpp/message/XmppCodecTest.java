package io.weft.xmpp.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected-error vectors: well-formed stanzas that break the schema decode to a DecodeError naming why. */
class XmppCodecTest {
  static Stream<Arguments> badStanzas() {
    String pub = "<iq type=\"set\" from=\"h\" id=\"1\"><pubsub xmlns=\"http://jabber.org/protocol/pubsub\">";
    String end = "</pubsub></iq>";
    String nh = "<next-hops><next-hop><af>1</af><address>192.168.0.1</address><label>%s</label></next-hop></next-hops>";
    return Stream.of(
        Arguments.of("unsupported stanza", "<presence/>"),
        Arguments.of("iq type 'get' is not supported", "<iq type=\"get\"><ping xmlns=\"urn:xmpp:ping\"/></iq>"),
        Arguments.of("lacks <pubsub>", "<iq type=\"set\"/>"),
        Arguments.of("is not afi/safi/vrf/id", pub + "<publish node=\"9/9/vrf/1.1.1.1/32\"><item><entry/></item></publish>" + end),
        Arguments.of("lacks <nlri>", pub + "<publish node=\"1/1/vrf/1.1.1.1/32\"><item><entry/></item></publish>" + end),
        Arguments.of("does not match node family", pub + "<publish node=\"1/1/vrf/1.1.1.1/32\"><item><entry><nlri><af>2</af><safi>1</safi><address>x</address></nlri>"
            + nh.formatted("5") + "</entry></item></publish>" + end),
        Arguments.of("<label> is not a number", pub + "<publish node=\"1/1/vrf/1.1.1.1/32\"><item><entry><nlri><af>1</af><safi>1</safi><address>1.1.1.1/32</address></nlri>"
            + nh.formatted("five") + "</entry></item></publish>" + end),
        Arguments.of("out of 32-bit range", pub + "<publish node=\"1/1/vrf/1.1.1.1/32\"><item><entry><nlri><af>1</af><safi>1</safi><address>1.1.1.1/32</address></nlri>"
            + nh.formatted("4294967296") + "</entry></item></publish>" + end),
        Arguments.of("needs one associate or dissociate", pub + "<collection node=\"vrf\"/>" + end),
        Arguments.of("not a JID", "<iq type=\"set\" from=\"@x\"><pubsub><subscribe node=\"n\"/></pubsub></iq>"),
        Arguments.of("is not afi/safi/vrf of a known family", "<message><event><items node=\"1/1\"/></event></message>"),
        Arguments.of("<retract> lacks id", "<message><event><items node=\"1/1/v\"><retract/></items></event></message>"),
        Arguments.of("has no JSON", "<iq type=\"set\"><config><add><resource kind=\"PortConfig\" name=\"p\"/></add></config></iq>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStanzas")
  void schemaViolationsAreValues(String reason, String xml) {
    DecodeResult r = XmppCodec.decode(VectorTest.parseOne(xml).element(), 15);

    assertThat(r).isInstanceOfSatisfying(DecodeError.class, e -> {
      assertThat(e.reason()).contains(reason);
      assertThat(e.offset()).isEqualTo(15);
      assertThat(e.excerpt()).isNotEmpty();
    });
  }

  @Test
  void encodingDoesNotChangeTheRecord() {
    Publish p = new Publish(VectorTest.AGENT, VectorTest.BGP, "pubsub1", VectorTest.RED, VectorTest.INET_ENTRY);
    Publish copy = new Publish(VectorTest.AGENT, VectorTest.BGP, "pubsub1", VectorTest.RED, VectorTest.INET_ENTRY);

    String first = XmppCodec.encode(p);

    assertThat(p).isEqualTo(copy);
    assertThat(XmppCodec.encode(p)).isEqualTo(first);
  }

  @Test
  void assemblerMergesPublishAndCollection() {
    PublishAssembler a = new PublishAssembler();
    Publish p = new Publish(VectorTest.AGENT, VectorTest.BGP, "pubsub1", VectorTest.RED, VectorTest.INET_ENTRY);
    String node = p.node().toString();

    assertThat(a.accept(p)).isNull();
    assertThat(a.accept(new Collection(VectorTest.AGENT, VectorTest.BGP, "c1", VectorTest.RED, node, CollectionAction.ASSOCIATE)))
        .isEqualTo(new PublishAssembler.DecodeResultOrChange.Change(new RouteChange.Advertised(p.node(), VectorTest.INET_ENTRY)));
    assertThat(a.accept(new Collection(VectorTest.AGENT, VectorTest.BGP, "c2", VectorTest.RED, node, CollectionAction.DISSOCIATE)))
        .isEqualTo(new PublishAssembler.DecodeResultOrChange.Change(new RouteChange.Withdrawn(p.node())));
    assertThat(a.accept(new Collection(VectorTest.AGENT, VectorTest.BGP, "c3", VectorTest.RED, node, CollectionAction.ASSOCIATE)))
        .isInstanceOf(PublishAssembler.DecodeResultOrChange.Error.class);
  }

  @Test
  void nodeNamesParseWithSlashesInTheItemId() {
    assertThat(NodeName.parse("1/1/default-domain:a:red:red/10.1.1.3/32"))
        .isEqualTo(new NodeName(Family.INET, "default-domain:a:red:red", "10.1.1.3/32"));
    assertThat(NodeName.parse("25/242/v/5001-02:00:00:00:00:01,10.0.0.1/32").family()).isEqualTo(Family.EVPN);
    assertThat(NodeName.parse("0/0/EndOfRib")).isNull();
  }
}
