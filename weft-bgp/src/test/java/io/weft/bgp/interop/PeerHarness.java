package io.weft.bgp.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts real BGP daemons for a test and cleans up after it: every process it started (by
 * its own Process handle, i.e. by PID) and its temporary directory.
 */
public final class PeerHarness implements AutoCloseable {
  public final Path dir;
  private final List<Process> processes = new ArrayList<>();

  public PeerHarness(String name) throws IOException {
    dir = Files.createTempDirectory("weft-bgp-" + name + "-");
    // FRR drops to user frr and must read its files and create its vty socket here.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
  }

  /**
   * Skips (outside CI) or fails (CI=true) when a Debian package's program is missing,
   * per ARCHITECTURE.md "How it is tested".
   */
  public static void require(String program, String debianPackage) {
    if (Files.isExecutable(Path.of(program))) return;
    String why = program + " is missing: install the Debian package " + debianPackage;
    if ("true".equals(System.getenv("CI"))) fail(why);
    System.out.println("SKIPPED: " + why);
    Assumptions.abort(why);
  }

  public Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    p.toFile().setReadable(true, false);
    return p;
  }

  public Process start(String logName, String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
    processes.add(p);
    return p;
  }

  public String log(String logName) {
    try {
      return Files.readString(dir.resolve(logName));
    } catch (IOException e) {
      return "";
    }
  }

  /** Runs a CLI command to completion and returns its output. */
  public static String run(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
      return out;
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return e.toString();
    }
  }

  public static void await(String what, Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) return;
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    fail("timed out after " + timeout + " waiting for " + what);
  }

  @Override
  public void close() throws IOException {
    for (Process p : processes) p.destroy();
    for (Process p : processes) {
      try {
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
