package io.weft.xmpp.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.xmpp.stream.Attribute;
import io.weft.xmpp.stream.XmlElement;
import io.weft.xmpp.stream.XmlOutput;
import io.weft.xmpp.stream.XmlWriter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The control node encodes a route's {@code <item>} once and sends the bytes to every
 * subscriber, many items per event stanza: that must be the stanza the record encoder writes,
 * and decode to the same routes. The streaming writer must also match the tree writer.
 */
class SharedItemEncodingTest {
  @Provide
  Arbitrary<RouteEvent> events() {
    Arbitrary<EventItem> items = Messages.entry().map(EventItem::of);
    return net.jqwik.api.Combinators.combine(Messages.jid(), Messages.jid(), Messages.vrf(), items.list().ofMaxSize(40),
            Messages.name().list().ofMaxSize(5))
        .as((from, to, vrf, is, retracts) -> {
          // One family per event: the entries' own, or inet when there are none.
          Family f = is.isEmpty() ? Family.INET : is.getFirst().entry().family();
          List<EventItem> same = is.stream().filter(i -> i.entry().family() == f).toList();
          return new RouteEvent(from, to, f, vrf, same, retracts);
        });
  }

  @Property(tries = 300, seed = "20250301")
  void aBatchOfSharedItemsIsTheRecordsStanzaAndDecodesToTheSameRoutes(@ForAll("events") RouteEvent event) {
    XmlOutput out = new XmlOutput();
    List<byte[]> shared = event.items().stream().map(XmppCodec::encodeItem).toList();

    XmppCodec.encodeEvent(event.from(), event.to(), event.family(), event.vrf(), shared, event.retracts(), out);

    assertThat(out.toString()).isEqualTo(XmppCodec.encode(event));
    assertThat(XmppCodec.decode(VectorTest.parseOne(out.toString()).element(), 0)).isEqualTo(event);
  }

  @Property(tries = 300, seed = "20250302")
  void theStreamingWriterWritesWhatTheTreeWriterWrites(@ForAll("messages") XmppMessage message) {
    String streamed = XmppCodec.encode(message);

    assertThat(XmlWriter.write(VectorTest.parseOne(streamed).element())).isEqualTo(streamed);
  }

  @Provide
  Arbitrary<XmppMessage> messages() {
    return Messages.message();
  }

  @Property(tries = 200, seed = "20250303")
  void escapingMatchesTheTreeWriterForAnyText(@ForAll("texts") String text) {
    XmlOutput out = new XmlOutput(4);
    out.start("x").attribute("a", text).text(text).end("x");

    assertThat(out.toString()).isEqualTo(XmlWriter.write(new XmlElement("x", List.of(new Attribute("a", text)), List.of(), text)));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().all().ofMaxLength(30).filter(s -> s.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF))
        .map(s -> s.replace('\uFFFE', 'x').replace('\uFFFF', 'y'));
  }
}
