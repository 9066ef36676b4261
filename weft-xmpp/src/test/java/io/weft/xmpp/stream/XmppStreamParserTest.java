package io.weft.xmpp.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.xmpp.message.Messages;
import io.weft.xmpp.message.XmppCodec;
import io.weft.xmpp.message.XmppMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class XmppStreamParserTest {
  static final String OPEN = "<?xml version='1.0'?><stream:stream from='compute-1' to='network-control@contrailsystems.com'"
      + " version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<StreamEvent> feedAll(XmppStreamParser p, byte[] bytes, List<Integer> cuts) {
    List<StreamEvent> out = new ArrayList<>();
    int from = 0;
    for (int cut : cuts.stream().sorted().toList()) {
      int at = Math.min(Math.max(cut, from), bytes.length);
      out.addAll(p.feed(bytes, from, at - from));
      from = at;
    }
    out.addAll(p.feed(bytes, from, bytes.length - from));
    return out;
  }

  /** Keepalive events are coalesced per read, so their count depends on the chunking. */
  static List<StreamEvent> withoutKeepalives(List<StreamEvent> events) {
    return events.stream().filter(e -> !(e instanceof KeepaliveReceived)).toList();
  }

  @Test
  void theOriginalsStreamHeaderOpensTheStream() {
    List<StreamEvent> events = new XmppStreamParser().feed(utf8(OPEN));

    assertThat(events).singleElement().isInstanceOfSatisfying(StreamOpened.class, o -> {
      assertThat(o.header().from()).isEqualTo("compute-1");
      assertThat(o.header().to()).isEqualTo("network-control@contrailsystems.com");
      assertThat(o.header().xmlns()).isEqualTo("jabber:client");
    });
  }

  @Test
  void ourHeaderParsesBack() {
    StreamHeader h = StreamHeader.of("a'b", "network-control@contrailsystems.com", "id&1");
    List<StreamEvent> events = new XmppStreamParser().feed(utf8(h.encode()));

    assertThat(events).containsExactly(new StreamOpened(h, "<?xml version='1.0'?>".length()));
  }

  @Test
  void whitespaceAndTheOriginalsU0200AreKeepalives() {
    XmppStreamParser p = new XmppStreamParser();
    p.feed(utf8(OPEN));
    byte[] u0200 = {(byte) 0xC8};

    assertThat(p.feed(utf8(" \n"))).singleElement().isInstanceOf(KeepaliveReceived.class);
    assertThat(p.feed(u0200)).isEmpty(); // half a character: wait
    assertThat(p.feed(new byte[] {(byte) 0x80})).singleElement().isInstanceOf(KeepaliveReceived.class);
    assertThat(p.failure()).isNull();
  }

  @Test
  void stanzasThenCloseAndNothingAfter() {
    XmppStreamParser p = new XmppStreamParser();
    List<StreamEvent> events = p.feed(utf8(OPEN + "<iq type='set' id='a'><x>1 &lt; 2 &#x4E2D;<![CDATA[<raw>]]></x></iq>"
        + "<message/></stream:stream><garbage"));

    assertThat(events).hasSize(4);
    assertThat(events.get(1)).isInstanceOfSatisfying(StanzaReceived.class, s -> {
      assertThat(s.element().attribute("type")).isEqualTo("set");
      assertThat(s.element().childText("x")).isEqualTo("1 < 2 中<raw>");
      assertThat(s.offset()).isEqualTo(OPEN.length());
    });
    assertThat(events.get(3)).isInstanceOf(StreamClosed.class);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("<iq>", FramingError.Kind.BAD_STREAM_HEADER, "before the header"),
        Arguments.of(OPEN + "hello", FramingError.Kind.MALFORMED, "text outside a stanza"),
        Arguments.of(OPEN + "<iq></message>", FramingError.Kind.MALFORMED, "mismatched end tag"),
        Arguments.of(OPEN + "<iq a='1' a='2'/>", FramingError.Kind.MALFORMED, "duplicate attribute"),
        Arguments.of(OPEN + "<iq a=1/>", FramingError.Kind.MALFORMED, "unquoted attribute"),
        Arguments.of(OPEN + "<iq><a>&bogus;</a></iq>", FramingError.Kind.RESTRICTED_XML, "unknown entity"),
        Arguments.of(OPEN + "<iq><a>&#0;</a></iq>", FramingError.Kind.MALFORMED, "reference to NUL"),
        Arguments.of(OPEN + "<iq><a>\u0001</a></iq>", FramingError.Kind.MALFORMED, "control character"),
        Arguments.of(OPEN + "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", FramingError.Kind.RESTRICTED_XML, "DTD"),
        Arguments.of(OPEN + "<iq><?pi x?></iq>", FramingError.Kind.RESTRICTED_XML, "processing instruction"),
        Arguments.of(OPEN + "<iq><1a/></iq>", FramingError.Kind.MALFORMED, "bad name"),
        Arguments.of("<?xml version='1.0'?><stream:stream xmlns='jabber:evil'>", FramingError.Kind.BAD_STREAM_HEADER, "namespace"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("malformed")
  void malformedInputIsAnErrorValue(String input, FramingError.Kind kind, String why) {
    XmppStreamParser p = new XmppStreamParser();
    List<StreamEvent> events = p.feed(utf8(input));

    assertThat(events).last().isInstanceOfSatisfying(StreamFailed.class, f -> assertThat(f.error().kind()).isEqualTo(kind));
    assertThat(p.feed(utf8("<iq/>"))).containsExactly(new StreamFailed(p.failure()));
  }

  @Test
  void invalidUtf8IsAnEncodingError() {
    XmppStreamParser p = new XmppStreamParser();
    p.feed(utf8(OPEN + "<iq>"));
    List<StreamEvent> events = p.feed(new byte[] {(byte) 0xC3, (byte) 0x28, '<', '/', 'i', 'q', '>'});

    assertThat(events).singleElement().isInstanceOfSatisfying(StreamFailed.class, f -> {
      assertThat(f.error().kind()).isEqualTo(FramingError.Kind.BAD_ENCODING);
      assertThat(f.error().offset()).isEqualTo(OPEN.length() + 4);
      assertThat(f.error().excerpt()).startsWith("\\xc3(");
    });
  }

  @Test
  void anOversizedStanzaFailsBeforeItIsBuffered() {
    XmppStreamParser p = new XmppStreamParser(new StreamLimits(1024, 8));
    p.feed(utf8(OPEN + "<iq><a>"));
    List<StreamEvent> events = List.of();
    for (int i = 0; i < 100 && events.isEmpty(); i++) events = p.feed(utf8("x".repeat(100)));

    assertThat(events).singleElement().isInstanceOfSatisfying(StreamFailed.class, f -> {
      assertThat(f.error().kind()).isEqualTo(FramingError.Kind.STANZA_TOO_LARGE);
      assertThat(f.error().offset()).isEqualTo(OPEN.length());
    });
  }

  @Test
  void anOversizedStartTagFailsToo() {
    XmppStreamParser p = new XmppStreamParser(new StreamLimits(1024, 8));
    List<StreamEvent> events = p.feed(utf8(OPEN + "<iq a='" + "y".repeat(2000)));

    assertThat(events).last().isInstanceOfSatisfying(StreamFailed.class,
        f -> assertThat(f.error().kind()).isEqualTo(FramingError.Kind.STANZA_TOO_LARGE));
  }

  @Test
  void nestingDeeperThanTheLimitFails() {
    XmppStreamParser p = new XmppStreamParser(new StreamLimits(1 << 16, 4));
    assertThat(p.feed(utf8(OPEN + "<a><b><c><d/></c></b></a>"))).hasSize(2);

    List<StreamEvent> events = p.feed(utf8("<a><b><c><d><e/></d></c></b></a>"));

    assertThat(events).singleElement().isInstanceOfSatisfying(StreamFailed.class,
        f -> assertThat(f.error().kind()).isEqualTo(FramingError.Kind.TOO_DEEP));
  }

  @Provide
  Arbitrary<List<XmppMessage>> messageLists() {
    return Messages.message().list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 300, seed = "20240602")
  void anySplitOfTheBytesYieldsTheSameStanzas(@ForAll("messageLists") List<XmppMessage> messages,
      @ForAll @Size(max = 12) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 4000) Integer> cuts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(utf8(OPEN));
    for (XmppMessage m : messages) {
      bytes.writeBytes(XmppCodec.encodeBytes(m));
      bytes.writeBytes(new byte[] {' ', (byte) 0xC8, (byte) 0x80, '\n'});
    }
    bytes.writeBytes(utf8("</stream:stream>"));
    byte[] all = bytes.toByteArray();

    List<StreamEvent> whole = withoutKeepalives(new XmppStreamParser().feed(all));
    List<StreamEvent> split = withoutKeepalives(feedAll(new XmppStreamParser(), all, cuts));

    assertThat(split).isEqualTo(whole);
    assertThat(whole).hasSize(messages.size() + 2);
    List<XmppMessage> decoded = whole.stream().filter(StanzaReceived.class::isInstance)
        .map(e -> (XmppMessage) XmppCodec.decode(((StanzaReceived) e).element(), 0)).toList();
    assertThat(decoded).isEqualTo(messages);
  }

  @Test
  void byteByByteFeedingMatchesOneRead() {
    byte[] all = utf8(OPEN + "<iq type='set'><pubsub xmlns='p'><publish node='1/1/v/1.1.1.1/32'/></pubsub></iq> <message/>");
    XmppStreamParser p = new XmppStreamParser();
    List<StreamEvent> events = new ArrayList<>();
    for (int i = 0; i < all.length; i++) events.addAll(p.feed(all, i, 1));

    assertThat(withoutKeepalives(events)).isEqualTo(withoutKeepalives(new XmppStreamParser().feed(all)));
  }

  @Property(tries = 2000, seed = "20240603")
  void randomBytesNeverThrow(@ForAll byte[] noise, @ForAll boolean afterHeader) {
    XmppStreamParser p = new XmppStreamParser(new StreamLimits(4096, 8));
    if (afterHeader) p.feed(utf8(OPEN + "<iq>"));
    p.feed(noise);
    p.feed(noise);
  }

  @Test
  void mutatedValidStreamsNeverThrow() {
    Random random = new Random(42);
    byte[] valid = utf8(OPEN + XmppCodec.encode(Messages.message().sample()) + "</stream:stream>");
    for (int round = 0; round < 5000; round++) {
      byte[] b = valid.clone();
      for (int k = 0; k < 1 + random.nextInt(4); k++) b[random.nextInt(b.length)] = (byte) random.nextInt(256);
      XmppStreamParser p = new XmppStreamParser(new StreamLimits(1 << 16, 16));
      feedAll(p, b, List.of(random.nextInt(b.length), random.nextInt(b.length)));
    }
  }
}
