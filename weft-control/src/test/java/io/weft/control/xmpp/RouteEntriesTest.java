package io.weft.control.xmpp;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.xmpp.message.Encapsulation;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.message.UnicastNlri;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteEntriesTest {
  /** What a decoder hands over: every string and list a fresh object. */
  static UnicastEntry decoded(String prefix, String underlay, long label) {
    String vn = new String("default-domain:p:red");
    NextHop hop = new NextHop(1, new String(underlay), null, label, null, null,
        new ArrayList<>(List.of(Encapsulation.UDP, Encapsulation.GRE)), new String(vn), new ArrayList<>(List.of(7L)), null);
    return new UnicastEntry(new UnicastNlri(1, 1, new String(prefix)), List.of(hop), null, vn, null, null,
        new ArrayList<>(List.of(8000002L)), List.of(), 100L, null, null, null);
  }

  @Test
  void compactKeepsTheEntryAndSharesWhatRoutesRepeat() {
    Interner interner = new Interner();
    String id1 = new String("10.1.1.3/32");
    UnicastEntry a = decoded("10.1.1.3/32", "192.168.0.11", 17);
    UnicastEntry b = decoded("10.1.1.4/32", "192.168.0.11", 18);

    UnicastEntry ca = (UnicastEntry) RouteEntries.compact(a, id1, interner);
    UnicastEntry cb = (UnicastEntry) RouteEntries.compact(b, "10.1.1.4/32", interner);

    assertThat(ca).isEqualTo(a);
    assertThat(cb).isEqualTo(b);
    assertThat(ca.nlri().address()).isSameAs(id1);
    assertThat(cb.virtualNetwork()).isSameAs(ca.virtualNetwork());
    assertThat(cb.securityGroups()).isSameAs(ca.securityGroups());
    NextHop ha = ca.nextHops().getFirst();
    NextHop hb = cb.nextHops().getFirst();
    assertThat(hb.address()).isSameAs(ha.address());
    assertThat(hb.virtualNetwork()).isSameAs(ca.virtualNetwork());
    assertThat(hb.encapsulations()).isSameAs(ha.encapsulations());
    assertThat(hb.tags()).isSameAs(ha.tags());
  }

  @Test
  void anNlriThatDiffersFromTheItemIdIsKept() {
    UnicastEntry a = decoded("10.1.1.3/32", "192.168.0.11", 17);

    UnicastEntry c = (UnicastEntry) RouteEntries.compact(a, "10.1.1.99/32", new Interner());

    assertThat(c.nlri()).isSameAs(a.nlri());
  }
}
