package io.weft.control.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateQueueTest {
  @Test
  void afterABurstIsDrainedTheQueueKeepsOrderAndCoalescing() throws InterruptedException {
    UpdateQueue q = new UpdateQueue(10_000);
    for (int i = 0; i < 5_000; i++) q.offer("k" + i, i);
    int drained = 0;
    while (q.size() > 0) drained += q.take(256).size();
    assertThat(drained).isEqualTo(5_000);

    q.offer("a", 1);
    q.offer("b", 2);
    q.offer("a", 3);
    q.offerLast("c", 4);

    assertThat(q.take(10)).containsExactly(Map.entry("a", 3), Map.entry("b", 2), Map.entry("c", 4));
    assertThat(q.offered()).isEqualTo(5_004);
  }

  @Test
  void theBoundStillRefusesAfterShrinking() throws InterruptedException {
    UpdateQueue q = new UpdateQueue(100);
    for (int i = 0; i < 100; i++) assertThat(q.offer(i, i)).isTrue();
    assertThat(q.offer(100, 100)).isFalse();
    assertThat(q.take(1_000)).hasSize(100);

    for (int i = 0; i < 100; i++) assertThat(q.offer(i, i)).isTrue();
    assertThat(q.offer(100, 100)).isFalse();
    assertThat(q.take(1)).isEqualTo(List.of(Map.entry(0, 0)));
  }

  @Test
  void pollNeverWaits() {
    UpdateQueue q = new UpdateQueue(10);
    assertThat(q.poll(5)).isEmpty();
    q.offer("a", 1);
    assertThat(q.poll(5)).containsExactly(Map.entry("a", 1));
  }

  @Test
  void aBatchMergedAfterALingerKeepsOneEntryPerKeyWithTheLatestValue() {
    // A route withdrawn in the first take and advertised again before the linger ends must
    // reach the agent advertised: one entry, the later value.
    List<Map.Entry<Object, Object>> first = List.of(Map.entry("r1", "withdrawn"), Map.entry("r2", "v1"));
    List<Map.Entry<Object, Object>> later = List.of(Map.entry("r1", "v2"), Map.entry("r3", "v1"));

    assertThat(XmppAgentPeer.merge(first, later))
        .containsExactly(Map.entry("r1", "v2"), Map.entry("r2", "v1"), Map.entry("r3", "v1"));
  }
}
