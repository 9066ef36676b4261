package io.weft.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * FinancePortal (SYSTEM.md §2) enforced by the vRouters on real traffic: web→app TCP 8080 and
 * app→db TCP 1521 pass, across hosts; every other tier/port combination and anything across
 * deployments is dropped, and each denied flow is listed by an agent's introspect
 * ({@code /flows/denied}) with the rule that denied it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FinancePortalTest {
  private Cluster cluster;
  private Host h1;
  private Host h2;
  private Pod web;
  private Pod app;
  private Pod db;
  private Pod devApp;

  @BeforeAll
  void start() throws Exception {
    Requirements.check();
    cluster = new Cluster(1);
    try {
      cluster.apply("hosts.yaml");
      cluster.apply("finance.yaml");
      h1 = cluster.host(1, List.of("udp", "vxlan"));
      h2 = cluster.host(2, List.of("udp", "vxlan"));
      web = cluster.pod("we-web", h1, "prod-web", false);
      app = cluster.pod("we-app", h2, "prod-app", false);
      db = cluster.pod("we-db", h1, "prod-db", false);
      devApp = cluster.pod("we-devapp", h1, "dev-app", false);
      app.listen(8080);
      db.listen(1521);
      db.listen(22);
      devApp.listen(8080);
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  @AfterAll
  void stop() {
    if (cluster != null) cluster.close();
  }

  @Test
  void onlyTheAllowedTierPortsPassAndEveryDeniedFlowIsListedWithItsRule() throws Exception {
    Cluster.eventually("prod-web -> prod-app TCP 8080 (across hosts)", Duration.ofSeconds(20), () -> web.tcp(app.address(), 8080));
    Cluster.eventually("prod-app -> prod-db TCP 1521 (across hosts)", Duration.ofSeconds(20), () -> app.tcp(db.address(), 1521));

    record Denied(Pod from, Pod to, int port, String why) {}
    List<Denied> denied = List.of(
        new Denied(web, db, 1521, "web -> db: no rule"),
        new Denied(app, db, 22, "app -> db 22: not in the service"),
        new Denied(web, devApp, 8080, "web -> app 8080 across deployments"),
        new Denied(devApp, db, 1521, "app -> db 1521 across deployments"));
    for (Denied d : denied) assertThat(d.from().tcp(d.to().address(), d.port())).as(d.why()).isFalse();

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> listed = new ArrayList<>();
    for (Host h : List.of(h1, h2)) json.readTree(h.introspect("/flows/denied")).forEach(listed::add);
    for (Denied d : denied) {
      String src = d.from().address();
      String dst = d.to().address();
      JsonNode rec = listed.stream().filter(n -> n.path("src").asText().equals(src) && n.path("dst").asText().equals(dst)
          && n.path("dstPort").asInt() == d.port() && n.path("protocol").asInt() == 6).findFirst().orElse(null);
      assertThat(rec).as("denied flow listed: " + d.why() + " in " + listed).isNotNull();
      assertThat(rec.path("rule").asText("")).as("the rule that denied " + d.why() + ": " + rec).isNotBlank();
      assertThat(rec.path("kind").asText("")).isNotBlank();
    }
    // An allowed flow is never listed as denied.
    assertThat(listed).noneMatch(n -> n.path("dst").asText().equals(app.address()) && n.path("dstPort").asInt() == 8080
        && n.path("src").asText().equals(web.address()));
  }
}
