package io.weft.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A TCP stream between pods on two hosts survives a restart of one host's agent (it re-opens
 * the pod's TAP, gets its config and routes again and re-decides the flow) and the loss of
 * every control node (the agents keep forwarding headless).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResilienceTest {
  private static final Pattern INTERVAL = Pattern.compile("\\[\\s*\\d+\\]\\s+([\\d.]+)-([\\d.]+)\\s+sec\\s+([\\d.]+) ([KMG]?)Bytes");
  private Cluster cluster;
  private Host h1;
  private Pod red1;
  private Pod red2;

  @BeforeAll
  void start() throws Exception {
    Requirements.check();
    cluster = new Cluster(2);
    try {
      cluster.apply("hosts.yaml");
      cluster.apply("red-blue.yaml");
      h1 = cluster.host(1, List.of("udp", "vxlan"));
      Host h2 = cluster.host(2, List.of("udp", "vxlan"));
      red1 = cluster.pod("we-r-red1", h1, "red-1", false);
      red2 = cluster.pod("we-r-red2", h2, "red-2", false);
      red2.listen(5201);
      Cluster.eventually("red-1 pings red-2", Duration.ofSeconds(20), () -> red1.ping(red2.address(), 1));
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  @AfterAll
  void stop() {
    if (cluster != null) cluster.close();
  }

  /** Per-second bytes of an iperf3 client's sender report lines. */
  static List<Double> intervals(String out) {
    List<Double> bytes = new ArrayList<>();
    for (String line : out.lines().toList()) {
      Matcher m = INTERVAL.matcher(line);
      if (!m.find() || line.contains("sender") || line.contains("receiver")) continue;
      if (Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(1)) > 1.5) continue;
      double v = Double.parseDouble(m.group(3));
      bytes.add(v * switch (m.group(4)) { case "K" -> 1e3; case "M" -> 1e6; case "G" -> 1e9; default -> 1; });
    }
    return bytes;
  }

  private void streamSurvives(String what, int seconds, Runnable disruption) {
    CompletableFuture<Sh.Result> stream = CompletableFuture.supplyAsync(() -> red1.iperf(red2.address(), 5201, seconds));
    Pod.sleep(2500);
    disruption.run();
    Sh.Result r = stream.join();
    assertThat(r.ok()).as(what + ": " + r.out()).isTrue();
    List<Double> per = intervals(r.out());
    assertThat(per).as(r.out()).hasSizeGreaterThanOrEqualTo(seconds - 1);
    assertThat(per.subList(per.size() - 2, per.size())).as(what + ", last seconds of the stream: " + r.out()).allMatch(b -> b > 0);
  }

  @Test
  @Order(1)
  void anEstablishedStreamResumesAfterTheAgentRestartsAndResyncs() {
    streamSurvives("agent restart", 14, () -> {
      try {
        h1.restart(null);
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    });
    assertThat(red1.ping(red2.address(), 2)).isTrue();
  }

  @Test
  @Order(2)
  void establishedTrafficKeepsFlowingWhenEveryControlNodeIsKilled() {
    streamSurvives("every control node killed", 6, cluster::killControlNodes);
    assertThat(red2.ping(red1.address(), 2)).as("headless: new flows still use the routes kept").isTrue();
  }
}
