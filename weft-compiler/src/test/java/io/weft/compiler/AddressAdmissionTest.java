package io.weft.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.config.api.ConfigServer;
import io.weft.config.store.Store;
import io.weft.config.store.Write;
import io.weft.model.Kind;
import io.weft.model.ResourceKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Address allocation at admission, through the real ConfigServer and SQLite store: 16
 * concurrent port creates on one small subnet never share an address, the subnet running
 * full is a clear 409, a delete frees its address, fixed addresses are honoured or refused.
 */
class AddressAdmissionTest {
  @TempDir Path dir;
  private Store store;
  private ConfigServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    store = StoreFixture.open(dir);
    server = new ConfigServer(store, new PrometheusRegistry(), "127.0.0.1", 0, null, new AddressAllocator()).start();
    base = "http://127.0.0.1:" + server.port() + "/api/v1";
    assertThat(call("POST", "/projects", "{\"apiVersion\":\"weft/v1\",\"kind\":\"Project\",\"metadata\":{\"name\":\"p\"},\"spec\":{}}").code).isEqualTo(201);
    // 10.5.0.0/27: .0 network, .1 gateway, .2 DNS, .31 broadcast: 28 addresses to give.
    assertThat(call("POST", "/projects/p/virtualnetworks", """
        {"apiVersion":"weft/v1","kind":"VirtualNetwork","metadata":{"name":"net"},"spec":{"subnets":[{"cidr":"10.5.0.0/27"}]}}
        """).code).isEqualTo(201);
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  @Test
  void concurrentCreatesNeverShareAnAddressAndAFullSubnetIsAClear409() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      String name = "port-" + i;
      answers.add(pool.submit(() -> call("POST", "/projects/p/virtualmachineinterfaces",
          "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualMachineInterface\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"network\":\"net\"}}")));
    }
    pool.shutdown();
    Set<String> addresses = new HashSet<>();
    Set<String> macs = new HashSet<>();
    int created = 0;
    List<String> refusals = new ArrayList<>();
    for (Future<Answer> f : answers) {
      Answer a = f.get();
      if (a.code == 201) {
        created++;
        assertThat(addresses.add(a.body.path("status").path("addresses").get(0).asText())).as("address given twice").isTrue();
        macs.add(a.body.path("status").path("macAddress").asText());
      } else {
        assertThat(a.code).as(a.body.toString()).isEqualTo(409);
        refusals.add(a.body.path("message").asText());
      }
    }
    assertThat(created).isEqualTo(28);
    assertThat(addresses).doesNotContain("10.5.0.0", "10.5.0.1", "10.5.0.2", "10.5.0.31");
    assertThat(macs).hasSize(28);
    assertThat(refusals).hasSize(4).allSatisfy(m -> assertThat(m).contains("network p/net has no free address").contains("10.5.0.0/27"));

    // A delete releases its address; the next create gets it.
    String freed = call("GET", "/projects/p/virtualmachineinterfaces/port-0", null).body.path("status").path("addresses").get(0).asText();
    assertThat(call("DELETE", "/projects/p/virtualmachineinterfaces/port-0", null).code).isEqualTo(200);
    Answer again = call("POST", "/projects/p/virtualmachineinterfaces",
        "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualMachineInterface\",\"metadata\":{\"name\":\"late\"},\"spec\":{\"network\":\"net\"}}");
    assertThat(again.code).isEqualTo(201);
    assertThat(again.body.path("status").path("addresses").get(0).asText()).isEqualTo(freed);
  }

  @Test
  void aClaimTheAllocatorDidNotMakeCostsARetryNotAnError() throws Exception {
    // The network was created through the API, so the allocator trusts its hint and does not read
    // the claims; one made behind its back (here straight into the store) makes the first choice
    // fail in the store, and the retry reads the claims again.
    ResourceKey net = new ResourceKey(Kind.VIRTUAL_NETWORK, "p", "net");
    ResourceKey claim = AddressClaims.address(net, "10.5.0.3");
    ResourceKey owner = new ResourceKey(Kind.VIRTUAL_MACHINE_INTERFACE, "p", "elsewhere");
    store.commit(List.of(new Write.Create(claim, Yaml.CODEC.toJson(AddressClaims.claim(claim, "p/net", "10.5.0.3", owner)), Set.of())));

    for (String expected : List.of("10.5.0.4", "10.5.0.5")) {
      Answer a = call("POST", "/projects/p/virtualmachineinterfaces",
          "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualMachineInterface\",\"metadata\":{\"name\":\"at-" + expected
              + "\"},\"spec\":{\"network\":\"net\"}}");
      assertThat(a.code).as(a.body.toString()).isEqualTo(201);
      assertThat(a.body.path("status").path("addresses").get(0).asText()).isEqualTo(expected);
    }
  }

  @Test
  void fixedAddressesAreHonouredOrRefusedClearly() throws Exception {
    Answer fixed = call("POST", "/projects/p/virtualmachineinterfaces",
        "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualMachineInterface\",\"metadata\":{\"name\":\"db\"},\"spec\":{\"network\":\"net\",\"fixedIps\":[\"10.5.0.20\"]}}");
    assertThat(fixed.code).isEqualTo(201);
    assertThat(fixed.body.path("status").path("addresses").get(0).asText()).isEqualTo("10.5.0.20");

    Answer taken = call("POST", "/projects/p/virtualmachineinterfaces",
        "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualMachineInterface\",\"metadata\":{\"name\":\"db2\"},\"spec\":{\"network\":\"net\",\"fixedIps\":[\"10.5.0.20\"]}}");
    assertThat(taken.code).isEqualTo(409);
    assertThat(taken.body.path("message").asText()).contains("address 10.5.0.20 in network p/net is already taken by VirtualMachineInterface/p/db");

    Answer gateway = call("POST", "/projects/p/virtualmachineinterfaces",
        "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualMachineInterface\",\"metadata\":{\"name\":\"gw\"},\"spec\":{\"network\":\"net\",\"fixedIps\":[\"10.5.0.1\"]}}");
    assertThat(gateway.code).isEqualTo(409);
    assertThat(gateway.body.path("message").asText()).contains("gateway");

    Answer outside = call("POST", "/projects/p/virtualmachineinterfaces",
        "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualMachineInterface\",\"metadata\":{\"name\":\"out\"},\"spec\":{\"network\":\"net\",\"fixedIps\":[\"10.9.0.5\"]}}");
    assertThat(outside.code).isEqualTo(400);
    assertThat(outside.body.path("errors").get(0).path("field").asText()).isEqualTo("spec.fixedIps[0]");

    // Derived kinds are the compiler's.
    Answer derived = call("POST", "/projects/p/portconfigs",
        "{\"apiVersion\":\"weft/v1\",\"kind\":\"PortConfig\",\"metadata\":{\"name\":\"x\"},\"spec\":{}}");
    assertThat(derived.code).isEqualTo(400);
    assertThat(derived.body.path("message").asText()).contains("written by the compiler");
  }

  private record Answer(int code, JsonNode body) {}

  private Answer call(String method, String path, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    c.setRequestMethod(method);
    if (body != null) {
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int code = c.getResponseCode();
    try (InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
      return new Answer(code, Yaml.CODEC.json().readTree(in));
    }
  }
}
