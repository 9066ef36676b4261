package io.weft.control.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.control.rib.Path;
import io.weft.control.rib.PathAttributes;
import io.weft.control.rib.Route;
import io.weft.xmpp.message.Encapsulation;
import io.weft.xmpp.message.EventItem;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.message.UnicastNlri;
import io.weft.xmpp.message.XmppCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemEncoderTest {
  static final String RED = "default-domain:p:red:red";

  static UnicastEntry entry(String prefix, String underlay, long label) {
    return new UnicastEntry(new UnicastNlri(1, 1, prefix),
        List.of(NextHop.of(underlay, label, List.of(Encapsulation.UDP))), null, "default-domain:p:red", null, null,
        List.of(), List.of(), 100L, null, null, null);
  }

  static Path path(String peer, UnicastEntry e) {
    return new Path(peer, PathAttributes.DEFAULT, e, false, RED);
  }

  @Test
  void aRouteIsEncodedOnceForEverySubscriberInARow() {
    ItemEncoder encoder = new ItemEncoder();
    UnicastEntry e = entry("10.1.1.3/32", "192.168.0.11", 17);
    Route route = new Route("10.1.1.3/32", List.of(path("compute-1", e)));

    byte[] first = encoder.item("10.1.1.3/32", route);

    assertThat(encoder.item("10.1.1.3/32", route)).isSameAs(first);
    assertThat(first).isEqualTo(XmppCodec.encodeItem(new EventItem("10.1.1.3/32", e)));
  }

  @Test
  void aChangedRouteIsEncodedAgain() {
    ItemEncoder encoder = new ItemEncoder();
    Route before = new Route("10.1.1.3/32", List.of(path("compute-1", entry("10.1.1.3/32", "192.168.0.11", 17))));
    Route after = new Route("10.1.1.3/32", List.of(path("compute-1", entry("10.1.1.3/32", "192.168.0.11", 18))));

    byte[] a = encoder.item("10.1.1.3/32", before);
    byte[] b = encoder.item("10.1.1.3/32", after);

    assertThat(new String(b, StandardCharsets.UTF_8)).contains("<label>18</label>").doesNotContain("<label>17</label>");
    assertThat(encoder.item("10.1.1.3/32", before)).isEqualTo(a);
  }

  @Test
  void anEcmpRouteCarriesEveryNextHopInOneItem() {
    ItemEncoder encoder = new ItemEncoder();
    Route ecmp = new Route("10.1.1.3/32", List.of(path("compute-1", entry("10.1.1.3/32", "192.168.0.11", 17)),
        path("compute-2", entry("10.1.1.3/32", "192.168.0.12", 20))));

    String item = new String(encoder.item("10.1.1.3/32", ecmp), StandardCharsets.UTF_8);

    assertThat(item).startsWith("<item id=\"10.1.1.3/32\">").contains("192.168.0.11", "192.168.0.12");
  }
}
