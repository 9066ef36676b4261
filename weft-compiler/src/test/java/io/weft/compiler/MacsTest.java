package io.weft.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MacsTest {
  @Test
  void isTwoThenTheFirstFiveOctetsOfTheUidsSha256() throws Exception {
    byte[] h = MessageDigest.getInstance("SHA-256").digest("3f1c-uid".getBytes(StandardCharsets.UTF_8));
    String expected = "02:" + HexFormat.ofDelimiter(":").formatHex(h, 0, 5);
    assertThat(Macs.forUid("3f1c-uid")).isEqualTo(expected).isEqualTo(Macs.forUid("3f1c-uid"));
  }

  @Test
  void concurrentCallsAgree() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<String>> macs = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) macs.add(pool.submit(() -> Macs.forUid("same")));
    pool.shutdown();
    for (Future<String> m : macs) assertThat(m.get()).isEqualTo(Macs.forUid("same"));
  }
}
