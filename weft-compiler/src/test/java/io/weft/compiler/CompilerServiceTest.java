package io.weft.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.config.store.Store;
import io.weft.config.store.Write;
import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.RoutingInstanceSpec;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiler in the config role, against the real SQLite store: list, watch, write, restart. */
class CompilerServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ResourceKey RED_RI = new ResourceKey(Kind.ROUTING_INSTANCE, "p", "red");
  private static final ResourceKey GREEN_RI = new ResourceKey(Kind.ROUTING_INSTANCE, "p", "green");
  private static final ResourceKey PORT_PC = new ResourceKey(Kind.PORT_CONFIG, "p", "port");

  @TempDir Path dir;

  @Test
  void compilesWatchedChangesAndKeepsAssignmentsAcrossRestarts() throws Exception {
    try (Store store = StoreFixture.open(dir)) {
      // Written before the service starts: picked up by its first listing.
      StoreFixture.createAll(store, Yaml.parse("""
          apiVersion: weft/v1
          kind: Project
          metadata: {name: p}
          spec: {}
          ---
          apiVersion: weft/v1
          kind: VirtualNetwork
          metadata: {name: red, project: p}
          spec: {subnets: [{cidr: 10.1.1.0/24}]}
          """));
      int redRt;
      try (CompilerService service = new CompilerService(store, Yaml.CODEC)) {
        service.start();
        assertThat(service.awaitRevision(store.revision(), WAIT)).isTrue();
        RoutingInstanceSpec red = (RoutingInstanceSpec) StoreFixture.get(store, RED_RI).spec();
        redRt = StoreFixture.get(store, RED_RI).status().get("routeTargetNumber").asInt();
        assertThat(red.routeTarget()).isEqualTo("target:64512:" + redRt);

        // Watched: a network, a port, then the port's delete.
        long rev = StoreFixture.createAll(store, Yaml.parse("""
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: green, project: p}
            spec: {subnets: [{cidr: 10.2.2.0/24}]}
            ---
            apiVersion: weft/v1
            kind: VirtualMachineInterface
            metadata: {name: port, project: p}
            spec: {network: green}
            """));
        assertThat(service.awaitRevision(rev, WAIT)).isTrue();
        PortConfigSpec pc = (PortConfigSpec) StoreFixture.get(store, PORT_PC).spec();
        assertThat(pc.routingInstance()).isEqualTo("p/green");
        assertThat(StoreFixture.get(store, GREEN_RI)).isNotNull();

        long del = store.apply(new Write.Delete(new ResourceKey(Kind.VIRTUAL_MACHINE_INTERFACE, "p", "port"), 0)).modRevision();
        assertThat(service.awaitRevision(del, WAIT)).isTrue();
        assertThat(store.get(PORT_PC)).isEmpty();
      }

      // Red is deleted while the compiler is down; a new network must not take red's
      // number from green, and green keeps its own.
      Resource greenBefore = StoreFixture.get(store, GREEN_RI);
      store.apply(new Write.Delete(new ResourceKey(Kind.VIRTUAL_NETWORK, "p", "red"), 0));
      try (CompilerService service = new CompilerService(store, Yaml.CODEC)) {
        service.start();
        assertThat(service.awaitRevision(store.revision(), WAIT)).isTrue();
        assertThat(store.get(RED_RI)).as("derived object of a deleted network is removed on resync").isEmpty();
        assertThat(StoreFixture.get(store, GREEN_RI).spec()).isEqualTo(greenBefore.spec());
        long rev = StoreFixture.createAll(store, Yaml.parse("""
            apiVersion: weft/v1
            kind: VirtualNetwork
            metadata: {name: blue, project: p}
            spec: {}
            """));
        assertThat(service.awaitRevision(rev, WAIT)).isTrue();
        assertThat(StoreFixture.get(store, new ResourceKey(Kind.ROUTING_INSTANCE, "p", "blue")).status().get("routeTargetNumber").asInt())
            .isEqualTo(redRt);
      }
    }
  }
}
