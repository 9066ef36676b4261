package io.weft.config.store.sqlite;

import static io.weft.config.store.sqlite.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.store.Entry;
import io.weft.config.store.Event;
import io.weft.config.store.Listing;
import io.weft.config.store.StoreException;
import io.weft.config.store.Watch;
import io.weft.config.store.Write;
import io.weft.model.Kind;
import io.weft.model.ResourceKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqliteStoreTest {
  @TempDir Path dir;
  PrometheusRegistry registry = new PrometheusRegistry();
  SqliteStore store;

  @BeforeEach
  void open() {
    store = new SqliteStore(dir.resolve("sub/dir/weft.db"), 1000, registry);
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void createsAssignRevisionsAndGetReturnsTheEntry() {
    Entry p = store.apply(create(project("finance"), "p"));
    Entry red = store.apply(create(vn("finance", "red"), "red-v1", project("finance")));
    Entry red2 = store.apply(update(vn("finance", "red"), "red-v2", red.modRevision(), project("finance")));

    assertThat(p.createRevision()).isEqualTo(1);
    assertThat(red2.createRevision()).isEqualTo(2);
    assertThat(red2.modRevision()).isEqualTo(3);
    assertThat(store.revision()).isEqualTo(3);
    Entry got = store.get(vn("finance", "red")).orElseThrow();
    assertThat(describe(got)).isEqualTo(describe(red2));
    assertThat(new String(got.value(), StandardCharsets.UTF_8)).isEqualTo("red-v2");
    assertThat(store.get(vn("finance", "blue"))).isEmpty();
  }

  @Test
  void listFiltersByKindAndProjectSortsAndCarriesItsRevision() {
    store.commit(List.of(create(project("b"), "b"), create(project("a"), "a")));
    store.commit(List.of(create(vn("b", "x"), "bx"), create(vn("a", "z"), "az"), create(vn("a", "y"), "ay")));
    store.apply(new Write.Create(new ResourceKey(Kind.TAG, null, "global"), bytes("t"), Set.of()));

    Listing inA = store.list(Kind.VIRTUAL_NETWORK, "a");
    assertThat(inA.revision()).isEqualTo(6);
    assertThat(inA.entries()).extracting(Entry::key).containsExactly(vn("a", "y"), vn("a", "z"));
    assertThat(store.list(Kind.VIRTUAL_NETWORK, null).entries()).extracting(Entry::key)
        .containsExactly(vn("a", "y"), vn("a", "z"), vn("b", "x"));
    assertThat(store.list(Kind.PROJECT, null).entries()).extracting(Entry::key).containsExactly(project("a"), project("b"));
    assertThat(store.listAll().entries()).hasSize(6);
    assertThat(store.list(Kind.NETWORK_IPAM, "a").entries()).isEmpty();
  }

  @Test
  void aCommitMayReferToKeysCreatedEarlierInTheSameCommit() {
    List<Entry> out = store.commit(List.of(
        create(project("p"), "p"),
        create(vn("p", "a"), "a", project("p")),
        create(vn("p", "b"), "b", project("p"), vn("p", "a"))));

    assertThat(out).extracting(Entry::modRevision).containsExactly(1L, 2L, 3L);
    assertThat(store.get(vn("p", "b")).orElseThrow().references()).containsExactlyInAnyOrder(project("p"), vn("p", "a"));
  }

  @Test
  void deleteReturnsTheLastValueAtTheDeleteRevisionAndFreesItsReferences() {
    store.commit(List.of(create(project("p"), "p"), create(vn("p", "a"), "a", project("p"))));
    Entry gone = store.apply(new Write.Delete(vn("p", "a"), 2));
    assertThat(gone.modRevision()).isEqualTo(3);
    assertThat(gone.createRevision()).isEqualTo(2);
    assertThat(new String(gone.value(), StandardCharsets.UTF_8)).isEqualTo("a");
    assertThat(store.apply(new Write.Delete(project("p"), 0)).modRevision()).isEqualTo(4);
    assertThat(store.listAll().entries()).isEmpty();
  }

  @Test
  void anUpdateThatDropsAReferenceLetsTheTargetBeDeleted() {
    store.commit(List.of(create(project("p"), "p"), create(project("q"), "q"), create(vn("p", "a"), "a", project("p"), project("q"))));
    assertThatThrownBy(() -> store.apply(new Write.Delete(project("q"), 0))).isInstanceOf(StoreException.StillReferenced.class);
    store.apply(update(vn("p", "a"), "a2", 0, project("p")));
    store.apply(new Write.Delete(project("q"), 0));
    assertThat(store.get(project("q"))).isEmpty();
  }

  static Stream<Arguments> refusedCommits() {
    return Stream.of(
        Arguments.of("create of an existing key", List.of(create(project("p"), "again")), StoreException.AlreadyExists.class,
            (Consumer<StoreException>) e -> {}),
        Arguments.of("update of a missing key", List.of(update(vn("p", "nope"), "x", 0)), StoreException.NotFound.class,
            (Consumer<StoreException>) e -> {}),
        Arguments.of("delete of a missing key", List.of(new Write.Delete(vn("p", "nope"), 0)), StoreException.NotFound.class,
            (Consumer<StoreException>) e -> {}),
        Arguments.of("update from a stale revision", List.of(update(vn("p", "a"), "x", 1, project("p"))),
            StoreException.VersionConflict.class, (Consumer<StoreException>) e -> {}),
        Arguments.of("delete from a stale revision", List.of(new Write.Delete(vn("p", "b"), 2)),
            StoreException.VersionConflict.class, (Consumer<StoreException>) e -> {}),
        Arguments.of("create referring to missing keys",
            List.of(create(vn("p", "c"), "c", project("p"), project("ghost"), vn("p", "ghost"))),
            StoreException.DanglingReference.class,
            (Consumer<StoreException>) e -> assertThat(((StoreException.DanglingReference) e).missing())
                .containsExactly(project("ghost"), vn("p", "ghost"))),
        Arguments.of("update referring to a missing key", List.of(update(vn("p", "a"), "x", 0, project("ghost"))),
            StoreException.DanglingReference.class,
            (Consumer<StoreException>) e -> assertThat(((StoreException.DanglingReference) e).missing()).containsExactly(project("ghost"))),
        Arguments.of("delete of a referenced key", List.of(new Write.Delete(project("p"), 0)),
            StoreException.StillReferenced.class,
            (Consumer<StoreException>) e -> assertThat(((StoreException.StillReferenced) e).referrers())
                .containsExactly(vn("p", "a"), vn("p", "b"))),
        Arguments.of("good writes followed by a bad one",
            List.of(create(project("q"), "q"), update(vn("p", "a"), "changed", 0, project("p")), create(project("p"), "dup")),
            StoreException.AlreadyExists.class, (Consumer<StoreException>) e -> {}),
        Arguments.of("a delete then a write referring to it",
            List.of(new Write.Delete(vn("p", "b"), 0), create(vn("p", "c"), "c", vn("p", "b"))),
            StoreException.DanglingReference.class, (Consumer<StoreException>) e -> {}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedCommits")
  void aRefusedCommitChangesNothing(String name, List<Write> writes, Class<? extends StoreException> expected,
      Consumer<StoreException> details) throws InterruptedException {
    store.commit(List.of(create(project("p"), "p"), create(vn("p", "a"), "a", project("p"))));
    store.apply(create(vn("p", "b"), "b", project("p")));
    store.apply(update(vn("p", "b"), "b2", 3, project("p")));
    long revision = store.revision();
    List<String> before = contents(store);

    assertThatThrownBy(() -> store.commit(writes)).isInstanceOf(expected).satisfies(e -> details.accept((StoreException) e));

    assertThat(store.revision()).isEqualTo(revision);
    assertThat(contents(store)).isEqualTo(before);
    assertThat(store.listAll().revision()).isEqualTo(revision);
    Entry next = store.apply(create(project("after"), "x"));
    assertThat(next.modRevision()).as("no revision was used up").isEqualTo(revision + 1);
    try (Watch w = store.watch(0, k -> true)) {
      assertThat(w.poll(Duration.ofSeconds(1))).extracting(Event::revision).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
  }

  @Test
  void revisionsEntriesAndCompactionSurviveARestart() {
    store.close();
    store = new SqliteStore(dir.resolve("weft.db"), 10, registry = new PrometheusRegistry());
    for (int i = 0; i < 20; i++) {
      store.commit(List.of(create(project("p" + i), "a"), create(project("q" + i), "b"), create(project("r" + i), "c"),
          create(project("s" + i), "d")));
    }
    long compacted = store.compactedRevision();
    assertThat(compacted).isPositive();
    List<String> before = contents(store);
    store.close();

    store = new SqliteStore(dir.resolve("weft.db"), 10, registry = new PrometheusRegistry());
    assertThat(store.revision()).isEqualTo(80);
    assertThat(store.compactedRevision()).isEqualTo(compacted);
    assertThat(contents(store)).isEqualTo(before);
    assertThat(store.apply(create(project("z"), "z")).createRevision()).isEqualTo(81);
  }

  @Test
  void closedStoreRefusesCommits() {
    store.close();
    assertThatThrownBy(() -> store.apply(create(project("p"), "p"))).isInstanceOf(IllegalStateException.class);
    store = new SqliteStore(dir.resolve("sub/dir/weft.db"), 1000, registry = new PrometheusRegistry());
  }

  @Test
  void exposesMetrics() throws Exception {
    store.apply(create(project("p"), "p"));
    assertThatThrownBy(() -> store.apply(create(project("p"), "p"))).isInstanceOf(StoreException.AlreadyExists.class);
    Watch w = store.watch(0, k -> true);
    var out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    String text = out.toString(StandardCharsets.UTF_8);
    w.close();
    assertThat(text)
        .contains("weft_store_commit_duration_seconds_bucket")
        .contains("weft_store_commit_batch_size_count")
        .contains("weft_store_writes_total{type=\"create\"} 1.0")
        .contains("weft_store_rejected_commits_total{reason=\"AlreadyExists\"} 1.0")
        .contains("weft_store_active_watchers 1.0");
  }

  @Test
  void theWalIsCheckpointedBesideTheWriterAndEveryWriteSurvivesReopening() throws Exception {
    store.apply(create(project("finance"), "p"));
    for (int batch = 0; batch < 4; batch++) {
      List<Write> writes = new java.util.ArrayList<>();
      for (int i = 0; i < Checkpointer.WRITES; i++) writes.add(create(vn("finance", "n" + batch + "-" + i), "v", project("finance")));
      store.commit(writes);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (store.checkpoints() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(store.checkpoints()).isPositive();

    store.close();
    store = new SqliteStore(dir.resolve("sub/dir/weft.db"), 1000, registry = new PrometheusRegistry());
    assertThat(store.list(Kind.VIRTUAL_NETWORK, "finance").entries()).hasSize(4 * Checkpointer.WRITES);
    assertThat(store.revision()).isEqualTo(1 + 4 * Checkpointer.WRITES);
  }

  @Test
  void withNoHistoryKeptTheRevisionStillSurvivesARestart() {
    store.close();
    store = new SqliteStore(dir.resolve("weft.db"), 0, registry = new PrometheusRegistry());
    for (int i = 0; i < 100; i++) store.apply(create(project("p" + i), "v"));
    store.close();

    store = new SqliteStore(dir.resolve("weft.db"), 0, registry = new PrometheusRegistry());
    assertThat(store.revision()).isEqualTo(100);
    assertThat(store.listAll().revision()).isEqualTo(100);
    assertThat(store.apply(create(project("next"), "v")).createRevision()).isEqualTo(101);
  }

  @Test
  void aStoreWrittenWithTheForwardRefsTableKeepsItsReferencesAndRevision() throws Exception {
    store.close();
    Path file = dir.resolve("old.db");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
      // The layout stores had before the referrers table: refs(src, dst) with an index by dst,
      // and meta's revision updated by every commit.
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("CREATE TABLE meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
      s.execute("INSERT INTO meta VALUES('revision', 7), ('compacted', 5)");
      s.execute("CREATE TABLE entries(key TEXT PRIMARY KEY, value BLOB NOT NULL, refs TEXT NOT NULL,"
          + " create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL)");
      s.execute("CREATE TABLE refs(src TEXT NOT NULL, dst TEXT NOT NULL, PRIMARY KEY(src, dst)) WITHOUT ROWID");
      s.execute("CREATE INDEX refs_by_dst ON refs(dst, src)");
      s.execute("CREATE TABLE events(rev INTEGER PRIMARY KEY, type INTEGER NOT NULL, key TEXT NOT NULL,"
          + " value BLOB NOT NULL, refs TEXT NOT NULL, create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL)");
      String p = Keys.encode(project("p"));
      String a = Keys.encode(vn("p", "a"));
      s.execute("INSERT INTO entries VALUES('" + p + "', X'70', '', 1, 1), ('" + a + "', X'61', '" + p + "', 2, 6)");
      s.execute("INSERT INTO refs VALUES('" + a + "', '" + p + "')");
      s.execute("INSERT INTO events VALUES(6, 1, '" + a + "', X'61', '" + p + "', 2, 6), (7, 0, '" + Keys.encode(project("q"))
          + "', X'71', '', 7, 7)");
    }

    store = new SqliteStore(file, 1000, registry = new PrometheusRegistry());
    assertThat(store.revision()).isEqualTo(7);
    assertThat(store.compactedRevision()).isEqualTo(5);
    assertThatThrownBy(() -> store.apply(new Write.Delete(project("p"), 0)))
        .isInstanceOfSatisfying(StoreException.StillReferenced.class, e -> assertThat(e.referrers()).containsExactly(vn("p", "a")));
    store.apply(update(vn("p", "a"), "a2", 6));
    store.apply(new Write.Delete(project("p"), 0));
    assertThat(store.revision()).isEqualTo(9);
  }

  @Test
  void underSteadyWritesTheWalRestartsInsteadOfGrowing() throws Exception {
    store.close();
    Path file = dir.resolve("steady.db");
    store = new SqliteStore(file, 1000, registry = new PrometheusRegistry(), 256);
    store.apply(create(project("p"), "p"));
    String value = "v".repeat(1000);
    int commits = 600;
    for (int c = 0; c < commits; c++) {
      List<Write> writes = new java.util.ArrayList<>();
      for (int i = 0; i < 10; i++) writes.add(create(vn("p", "n" + c + "-" + i), value + c, project("p")));
      store.commit(writes);
    }
    // 6 MB of values, 48 MB of WAL frames with the pages around them: a WAL that never restarts
    // ends that large; restarted once past 256 frames, whenever the checkpoint catches up, far smaller.
    long wal = java.nio.file.Files.size(dir.resolve("steady.db-wal"));
    assertThat(wal).isLessThan(8L << 20);

    store.close();
    store = new SqliteStore(file, 1000, registry = new PrometheusRegistry());
    assertThat(store.list(Kind.VIRTUAL_NETWORK, "p").entries()).hasSize(10 * commits);
    assertThat(store.revision()).isEqualTo(1 + 10 * commits);
  }
}
