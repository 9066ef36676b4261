package io.weft.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command and collects its exit code and output (stdout and stderr together). */
final class Sh {
  record Result(int rc, String out) {
    boolean ok() {
      return rc == 0;
    }
  }

  private Sh() {}

  static Result run(List<String> cmd, int timeoutSeconds) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[][] out = new byte[1][];
      Thread reader = Thread.ofVirtual().start(() -> {
        try {
          out[0] = p.getInputStream().readAllBytes();
        } catch (IOException e) {
          out[0] = new byte[0];
        }
      });
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        reader.join(2000);
        return new Result(124, out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8));
      }
      reader.join(5000);
      return new Result(p.exitValue(), out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(127, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(130, "interrupted");
    }
  }

  static Result run(String... cmd) {
    return run(List.of(cmd), 30);
  }

  /** Like {@link #run(String...)} but fails the test when the command fails. */
  static String must(String... cmd) {
    Result r = run(cmd);
    if (!r.ok()) throw new AssertionError(String.join(" ", cmd) + " exited " + r.rc() + ": " + r.out());
    return r.out();
  }
}
