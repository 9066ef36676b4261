package io.weft.config.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.Entry;
import io.weft.config.store.Watch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SIGKILL mid-load loses no acknowledged create and leaves no gap in the revisions. */
class SqliteKillTest {
  static final int ACKS_BEFORE_KILL = 3_000;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedCreateSurvivesKillNine() throws Exception {
    Path file = dir.resolve("weft.db");
    String javaBinary = ProcessHandle.current().info().command().orElseThrow();
    Process child = new ProcessBuilder(javaBinary, "-cp", System.getProperty("java.class.path"),
        KillChild.class.getName(), file.toString(), "8")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    // If the child hangs without output, this unblocks the reader below instead of hanging the build.
    CompletableFuture.delayedExecutor(120, TimeUnit.SECONDS).execute(() -> child.toHandle().destroyForcibly());
    Set<String> acked = new HashSet<>();
    try (var lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null && acked.size() < ACKS_BEFORE_KILL) {
        if (line.startsWith("ack ")) acked.add(line.substring(4));
      }
      assertThat(acked).as("the child acknowledged creates before dying").hasSize(ACKS_BEFORE_KILL);
      // ProcessHandle's kill sends SIGKILL without closing our end of the pipe (Process.destroyForcibly does).
      child.toHandle().destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // Acks already written to the pipe before the kill count too.
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("ack ")) acked.add(line.substring(4));
      }
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }

    try (var store = new SqliteStore(file, 100_000, new PrometheusRegistry())) {
      for (String name : acked) {
        Entry e = store.get(KillChild.key(name)).orElseThrow(() -> new AssertionError("lost acknowledged " + name));
        assertThat(e.value()).as(name).isEqualTo(KillChild.valueOf(name));
      }
      var all = store.listAll();
      long revision = store.revision();
      assertThat(all.revision()).isEqualTo(revision);
      // Only creates ran, so the committed entries hold exactly the revisions 1..revision.
      assertThat(all.entries()).extracting(Entry::createRevision)
          .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, revision).boxed().toList());
      List<Long> replayed = new ArrayList<>();
      try (Watch w = store.watch(0, k -> true)) {
        while (w.revision() < revision) w.poll(Duration.ofSeconds(1)).forEach(ev -> replayed.add(ev.revision()));
      }
      assertThat(replayed).containsExactlyElementsOf(LongStream.rangeClosed(1, revision).boxed().toList());
      System.out.printf("kill -9 after %d acks: %d entries committed at revision %d, all acks present%n",
          acked.size(), all.entries().size(), revision);
    }
  }
}
