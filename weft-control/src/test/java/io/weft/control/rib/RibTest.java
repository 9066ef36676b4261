package io.weft.control.rib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Best path, ECMP and route-target import/export, with no network. */
class RibTest {
  private static final String P = "10.1.1.3/32";

  /** Records what subscribers are told: the latest route per instance/prefix. */
  static final class Recorder implements RibSubscriber {
    final Map<String, Route> seen = new HashMap<>();
    final List<String> log = new ArrayList<>();

    @Override
    public void routeChanged(String instance, Family family, String prefix, Route route) {
      log.add(instance + " " + prefix + " " + (route == null ? "withdrawn" : route.paths().size()));
      if (route == null) seen.remove(instance + " " + prefix);
      else seen.put(instance + " " + prefix, route);
    }
  }

  static Stream<Arguments> preferences() {
    PathAttributes base = PathAttributes.DEFAULT;
    return Stream.of(
        Arguments.of("higher local preference", new PathAttributes(200, 0, Origin.IGP, 0), base),
        Arguments.of("shorter AS path", new PathAttributes(100, 1, Origin.IGP, 0), new PathAttributes(100, 3, Origin.IGP, 0)),
        Arguments.of("lower origin", new PathAttributes(100, 1, Origin.IGP, 0), new PathAttributes(100, 1, Origin.INCOMPLETE, 0)),
        Arguments.of("lower MED", new PathAttributes(100, 1, Origin.EGP, 5), new PathAttributes(100, 1, Origin.EGP, 9)),
        Arguments.of("local pref beats AS path", new PathAttributes(300, 9, Origin.INCOMPLETE, 99), new PathAttributes(100, 0, Origin.IGP, 0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("preferences")
  void bestPathPrefers(String why, PathAttributes better, PathAttributes worse) {
    for (boolean betterFirst : new boolean[] {true, false}) {
      Rib rib = new Rib();
      // Peer names chosen so the tie-break would pick the worse path: the attribute must decide.
      if (betterFirst) {
        rib.publish("z-better", "a", Family.INET, P, better, "better");
        rib.publish("a-worse", "a", Family.INET, P, worse, "worse");
      } else {
        rib.publish("a-worse", "a", Family.INET, P, worse, "worse");
        rib.publish("z-better", "a", Family.INET, P, better, "better");
      }
      Route r = rib.route("a", Family.INET, P);
      assertThat(r.best().route()).as(why).isEqualTo("better");
      assertThat(r.ecmp()).hasSize(1);
    }
  }

  @Test
  void equalPathsFormEcmpWithStableOrder() {
    Rib rib = new Rib();
    rib.publish("host-b", "a", Family.INET, P, PathAttributes.DEFAULT, "b");
    rib.publish("host-a", "a", Family.INET, P, PathAttributes.DEFAULT, "a");
    rib.publish("host-c", "a", Family.INET, P, new PathAttributes(50, 0, Origin.IGP, 0), "c");
    Route r = rib.route("a", Family.INET, P);
    assertThat(r.ecmp()).extracting(Path::peer).containsExactly("host-a", "host-b");
    assertThat(r.paths()).extracting(Path::peer).containsExactly("host-a", "host-b", "host-c");
    rib.withdraw("host-a", "a", Family.INET, P);
    assertThat(rib.route("a", Family.INET, P).ecmp()).extracting(Path::peer).containsExactly("host-b");
  }

  @Test
  void stalePathLosesToFreshOneAndIsSwept() {
    Rib rib = new Rib();
    rib.publish("host-a", "a", Family.INET, P, PathAttributes.DEFAULT, "a");
    rib.publish("host-b", "a", Family.INET, P, PathAttributes.DEFAULT, "b");
    assertThat(rib.markStale("host-a")).isEqualTo(1);
    Route r = rib.route("a", Family.INET, P);
    assertThat(r.best().peer()).isEqualTo("host-b");
    assertThat(r.ecmp()).hasSize(1);
    // A re-publish refreshes it; a sweep then keeps it.
    rib.publish("host-a", "a", Family.INET, P, PathAttributes.DEFAULT, "a");
    assertThat(rib.sweepStale("host-a")).isZero();
    assertThat(rib.route("a", Family.INET, P).ecmp()).hasSize(2);
    rib.markStale("host-a");
    assertThat(rib.sweepStale("host-a")).isEqualTo(1);
    assertThat(rib.route("a", Family.INET, P).paths()).extracting(Path::peer).containsExactly("host-b");
  }

  @Test
  void exportTargetsAreImportedByMatchingInstancesOnly() {
    Rib rib = new Rib();
    rib.configure("red", List.of("target:64512:1"), List.of("target:64512:1"));
    rib.configure("blue", List.of("target:64512:2"), List.of("target:64512:2"));
    Recorder red = new Recorder();
    Recorder blue = new Recorder();
    rib.subscribe("red", red);
    rib.subscribe("blue", blue);
    rib.publish("h1", "red", Family.INET, "10.1.0.1/32", PathAttributes.DEFAULT, "r1");
    rib.publish("h2", "blue", Family.INET, "10.2.0.1/32", PathAttributes.DEFAULT, "b1");
    assertThat(red.seen).containsOnlyKeys("red 10.1.0.1/32");
    assertThat(blue.seen).containsOnlyKeys("blue 10.2.0.1/32");

    // A policy joins them: the compiler adds each one's target to the other's imports.
    rib.configure("red", List.of("target:64512:1", "target:64512:2"), List.of("target:64512:1"));
    rib.configure("blue", List.of("target:64512:1", "target:64512:2"), List.of("target:64512:2"));
    assertThat(red.seen).containsOnlyKeys("red 10.1.0.1/32", "red 10.2.0.1/32");
    assertThat(blue.seen).containsOnlyKeys("blue 10.2.0.1/32", "blue 10.1.0.1/32");
    Path leaked = red.seen.get("red 10.2.0.1/32").best();
    assertThat(leaked.secondaryIn("red")).isTrue();
    assertThat(leaked.primaryInstance()).isEqualTo("blue");

    // Routes published after the join leak too, and withdrawals follow them.
    rib.publish("h1", "red", Family.INET, "10.1.0.2/32", PathAttributes.DEFAULT, "r2");
    assertThat(blue.seen).containsKey("blue 10.1.0.2/32");
    rib.withdraw("h1", "red", Family.INET, "10.1.0.2/32");
    assertThat(blue.seen).doesNotContainKey("blue 10.1.0.2/32");

    // Unjoined again: the leaked routes are withdrawn from the other side.
    rib.configure("red", List.of("target:64512:1"), List.of("target:64512:1"));
    assertThat(red.seen).containsOnlyKeys("red 10.1.0.1/32");
    assertThat(blue.seen).containsOnlyKeys("blue 10.2.0.1/32", "blue 10.1.0.1/32");
    rib.configure("blue", List.of("target:64512:2"), List.of("target:64512:2"));
    assertThat(blue.seen).containsOnlyKeys("blue 10.2.0.1/32");
  }

  @Test
  void secondaryPathsAreNotReExported() {
    Rib rib = new Rib();
    // a → b (b imports a's target), b → c (c imports b's target); a's route must not reach c.
    rib.configure("a", List.of("rt:a"), List.of("rt:a"));
    rib.configure("b", List.of("rt:b", "rt:a"), List.of("rt:b"));
    rib.configure("c", List.of("rt:c", "rt:b"), List.of("rt:c"));
    rib.publish("h", "a", Family.INET, P, PathAttributes.DEFAULT, "x");
    assertThat(rib.route("b", Family.INET, P)).isNotNull();
    assertThat(rib.route("c", Family.INET, P)).isNull();
  }

  @Test
  void sameRouteTargetImportIntoManyAndUnconfigure() {
    Rib rib = new Rib();
    rib.configure("src", List.of("rt:s"), List.of("rt:s", "rt:shared"));
    for (String d : List.of("d1", "d2", "d3")) rib.configure(d, List.of("rt:" + d, "rt:shared"), List.of("rt:" + d));
    rib.publish("h", "src", Family.EVPN, "02:00:00:00:00:01,10.0.0.1/32", PathAttributes.DEFAULT, "e");
    for (String d : List.of("d1", "d2", "d3")) assertThat(rib.route(d, Family.EVPN, "02:00:00:00:00:01,10.0.0.1/32")).isNotNull();
    assertThat(rib.route("d1", Family.INET, "02:00:00:00:00:01,10.0.0.1/32")).isNull();
    rib.unconfigure("src");
    for (String d : List.of("d1", "d2", "d3")) assertThat(rib.route(d, Family.EVPN, "02:00:00:00:00:01,10.0.0.1/32")).isNull();
    assertThat(rib.route("src", Family.EVPN, "02:00:00:00:00:01,10.0.0.1/32")).isNotNull();
  }

  @Test
  void subscribeDumpsThenStreamsAndRepeatsAreSilent() {
    Rib rib = new Rib();
    rib.publish("h", "a", Family.INET, P, PathAttributes.DEFAULT, "x");
    Recorder r = new Recorder();
    rib.subscribe("a", r);
    assertThat(r.log).containsExactly("a " + P + " 1");
    rib.publish("h", "a", Family.INET, P, PathAttributes.DEFAULT, "x");
    assertThat(r.log).hasSize(1);
    rib.publish("h", "a", Family.INET, P, PathAttributes.DEFAULT, "y");
    assertThat(r.log).hasSize(2);
    rib.unsubscribe("a", r);
    rib.withdraw("h", "a", Family.INET, P);
    assertThat(r.log).hasSize(2);
    assertThat(rib.routeCount()).isZero();
  }
}
