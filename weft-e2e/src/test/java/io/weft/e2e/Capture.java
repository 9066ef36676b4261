package io.weft.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** tcpdump in a namespace (or the host's, with {@code ns} null) for a while; {@link #packets} after it ends. */
final class Capture {
  private final Process process;

  Capture(String ns, String iface, int seconds, String filter) throws IOException {
    List<String> c = new ArrayList<>();
    if (ns != null) c.addAll(List.of("ip", "netns", "exec", ns));
    c.addAll(List.of("timeout", Integer.toString(seconds), "tcpdump", "-i", iface, "-n", "-l"));
    c.addAll(List.of(filter.split(" ")));
    process = new ProcessBuilder(c).redirectErrorStream(true).start();
    Pod.sleep(1000); // tcpdump is listening once it has printed its banner; a second is plenty
  }

  /** Waits for the capture to end and returns the captured lines (packets). */
  List<String> packets() throws InterruptedException, IOException {
    process.waitFor(30, TimeUnit.SECONDS);
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return out.lines().filter(l -> l.matches("^\\d\\d:\\d\\d:\\d\\d\\..*")).toList();
  }
}
