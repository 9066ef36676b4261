package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UidsTest {
  @Test
  void areDistinctVersion4Uuids() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String uid = Uids.next();
      UUID parsed = UUID.fromString(uid);
      assertThat(parsed.version()).isEqualTo(4);
      assertThat(parsed.variant()).isEqualTo(2);
      assertThat(parsed.toString()).isEqualTo(uid);
      assertThat(seen.add(uid)).as("unique").isTrue();
    }
  }
}
