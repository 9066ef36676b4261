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
  public static final String GOBGPD = "/usr/bin/gobgpd";
  public static final String BGPD = "/usr/lib/frr/bgpd";
  public static final String BIRD = "/usr/sbin/bird";

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

  /** Writes gobgpd.toml, starts gobgpd with its gRPC API on apiHost:apiPort and waits for the API. */
  public Process startGobgpd(String toml, String apiHost, String apiPort) throws IOException {
    Path conf = write("gobgpd.toml", toml);
    Process p = start("gobgpd.log", GOBGPD, "-f", conf.toString(), "--api-hosts", apiHost + ":" + apiPort, "-p",
        "--pprof-disable");
    await("gobgpd API", Duration.ofSeconds(15), () -> gobgp(apiHost, apiPort, "global").contains("Router-ID"));
    return p;
  }

  /** Runs the gobgp CLI against the gobgpd API at apiHost:apiPort. */
  public static String gobgp(String apiHost, String apiPort, String... args) {
    String[] cmd = new String[args.length + 5];
    cmd[0] = "/usr/bin/gobgp";
    cmd[1] = "-u";
    cmd[2] = apiHost;
    cmd[3] = "-p";
    cmd[4] = apiPort;
    System.arraycopy(args, 0, cmd, 5, args.length);
    return run(cmd);
  }

  /** Writes bird.conf, starts BIRD in the foreground with its control socket at birdCtl() and waits for it. */
  public Process startBird(String conf) throws IOException {
    Path c = write("bird.conf", conf);
    Process p = start("bird.log", BIRD, "-f", "-c", c.toString(), "-s", birdCtl(), "-P", dir.resolve("bird.pid").toString());
    await("BIRD control socket", Duration.ofSeconds(15), () -> birdc("show", "status").contains("ready"));
    return p;
  }

  public String birdCtl() {
    return dir.resolve("bird.ctl").toString();
  }

  /** Runs birdc against the BIRD started by startBird. */
  public String birdc(String... args) {
    String[] cmd = new String[args.length + 3];
    cmd[0] = "/usr/sbin/birdc";
    cmd[1] = "-s";
    cmd[2] = birdCtl();
    System.arraycopy(args, 0, cmd, 3, args.length);
    return run(cmd);
  }

  /**
   * Writes bgpd.conf and starts FRR bgpd (no zebra) listening on address:port with its vty
   * socket in dir; the caller waits for what it needs through vtysh.
   */
  public Process startBgpd(String conf, String address, String port) throws IOException {
    Path c = write("bgpd.conf", conf);
    return start("bgpd.log", BGPD, "-f", c.toString(), "-i", dir.resolve("bgpd.pid").toString(), "--vty_socket",
        dir.toString(), "-l", address, "-p", port, "-Z");
  }

  /** Runs one vtysh command against the bgpd started by startBgpd. */
  public String vtysh(String command) {
    return run("/usr/bin/vtysh", "--vty_socket", dir.toString(), "-d", "bgpd", "-c", command);
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
