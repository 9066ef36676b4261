package io.weft.forwarder.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PrefixTrieTest {
  record P(long hi, long lo, int len) {}

  @Test
  void longestMatchWinsAndRemovalFallsBack() {
    PrefixTrie<String> t = new PrefixTrie<>();
    long net = 0x0000_ffff_0a01_0100L; // ::ffff:10.1.1.0
    t.put(0, net, 96 + 24, "subnet");
    t.put(0, net | 5, 128, "host5");
    t.put(0, 0, 0, "default");
    assertThat(t.lookup(0, net | 5)).isEqualTo("host5");
    assertThat(t.lookup(0, net | 6)).isEqualTo("subnet");
    assertThat(t.lookup(0, 0x0000_ffff_0b00_0000L)).isEqualTo("default");
    t.remove(0, net | 5, 128);
    assertThat(t.lookup(0, net | 5)).isEqualTo("subnet");
    assertThat(t.size()).isEqualTo(2);
  }

  /** The trie agrees with a brute-force scan of every stored prefix. */
  @Property(tries = 200)
  void agreesWithLinearScan(@ForAll @Size(max = 40) List<@IntRange(max = 128) Integer> lengths,
      @ForAll @Size(min = 40, max = 40) List<Long> his, @ForAll @Size(min = 40, max = 40) List<Long> los,
      @ForAll @Size(min = 20, max = 20) List<Long> probes) {
    PrefixTrie<P> t = new PrefixTrie<>();
    Map<P, P> all = new HashMap<>();
    for (int i = 0; i < lengths.size(); i++) {
      int len = lengths.get(i);
      // Share high bits among prefixes so branches actually split and nest.
      long hi = PrefixTrie.maskHi(his.get(i) & 0xff00_0000_0000_0000L | his.get(i) >>> 60, len);
      P p = new P(hi, PrefixTrie.maskLo(los.get(i), len), len);
      t.put(p.hi, p.lo, len, p);
      all.put(p, p);
      if (i % 7 == 3) {
        t.remove(p.hi, p.lo, len);
        all.remove(p);
      }
    }
    for (int i = 0; i < probes.size(); i++) {
      long hi = i < his.size() ? his.get(i) & 0xff00_0000_0000_0000L | probes.get(i) >>> 60 : probes.get(i);
      long lo = probes.get(i);
      P best = null;
      for (P p : all.values()) {
        if (PrefixTrie.matches(hi, lo, p.hi, p.lo, p.len) && (best == null || p.len > best.len)) best = p;
      }
      assertThat(t.lookup(hi, lo)).isEqualTo(best);
    }
    assertThat(t.size()).isEqualTo(all.size());
  }
}
