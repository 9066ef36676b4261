package io.weft.xmpp.message;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RoundTripTest {
  @Provide
  Arbitrary<XmppMessage> messages() {
    return Messages.message();
  }

  @Property(tries = 500, seed = "20240601")
  void encodeThenDecodeGivesTheSameRecord(@ForAll("messages") XmppMessage message) {
    String xml = XmppCodec.encode(message);

    assertThat(XmppCodec.decode(VectorTest.parseOne(xml).element(), 0)).isEqualTo(message);
  }
}
