package io.weft.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The AOT training run's ADD must take the success path, or the cache misses what a real ADD loads. */
class AotTrainingAgentTest {

  @Test
  void theTrainingAddSucceedsAgainstTheStandIn() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread agent = Thread.ofPlatform().start(() -> {
        try {
          AotTrainingAgent.serve(server, 1);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Map<String, String> env = Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "aot-training", "CNI_NETNS", "/nonexistent",
          "CNI_IFNAME", "eth0");
      String conf = "{\"cniVersion\":\"1.0.0\",\"name\":\"weft\",\"type\":\"weft-cni\",\"agent\":\"127.0.0.1:" + server.getLocalPort()
          + "\",\"port\":\"aot-training\",\"pollRetries\":1}";

      int rc = Main.run(env, conf, new PrintStream(out, true, StandardCharsets.UTF_8));

      String result = out.toString(StandardCharsets.UTF_8);
      assertThat(rc).as(result).isZero();
      assertThat(result).contains("\"address\":\"10.255.0.2/24\"").contains("\"mac\":\"02:00:00:00:00:01\"");
      agent.join(5_000);
    }
  }

  @Test
  void controlCharactersAreWrittenAsUnicodeEscapes() {
    assertThat(Json.write(Map.of("m", "a\u0001b\u001fc\n"))).isEqualTo("{\"m\":\"a\\u0001b\\u001fc\\n\"}");
    assertThat(Json.object(Json.write(Map.of("m", "a\u0001b")))).containsEntry("m", "a\u0001b");
  }
}
