package io.weft.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft config}: the config role alone, in its own process, as an operator runs it. */
class ConfigCommandTest {
  private final List<Process> processes = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @AfterEach
  void stopProcesses() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
    }
  }

  @Test
  void servesTheApiAndCompilesWithoutAControlNode() throws Exception {
    Process weft = start("config", "--port", "0", "--data-dir", dataDir.toString());
    String url = awaitUrl(weft);
    assertThat(post(url + "/api/v1/projects", "{\"apiVersion\":\"weft/v1\",\"kind\":\"Project\",\"metadata\":{\"name\":\"p\"}}"))
        .isEqualTo(201);
    assertThat(post(url + "/api/v1/projects/p/virtualnetworks", "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\","
        + "\"metadata\":{\"name\":\"red\"},\"spec\":{\"subnets\":[{\"cidr\":\"10.1.1.0/24\"}]}}")).isEqualTo(201);
    // The compiler runs in this role: the network's routing instance appears, with its VNI.
    String instance = "";
    for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); System.nanoTime() < deadline && !instance.contains("\"vni\""); ) {
      instance = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/projects/p/routinginstances")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      if (!instance.contains("\"vni\"")) Thread.sleep(50);
    }
    assertThat(instance).contains("\"vni\"", "red");
  }

  @Test
  void hasHelp() throws Exception {
    Process weft = start("config", "--help");
    String output = new String(weft.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(weft.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains("config role alone", "--data-dir", "--port", "--token-file");
  }

  private int post(String url, String json) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String awaitUrl(Process p) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    for (String line; (line = out.readLine()) != null; ) {
      lines.add(line);
      if (line.contains("listening on ")) return line.replaceAll(".*listening on (\\S+).*", "$1");
    }
    throw new AssertionError("weft config exited before listening:\n" + String.join("\n", lines));
  }

  private Process start(String... args) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    processes.add(p);
    return p;
  }
}
