package io.weft.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** CPU time (user + system) a process has used so far, from /proc/PID/stat. */
final class CpuTime {
  /** USER_HZ: /proc counts in clock ticks, 100 a second on Linux x86-64 and arm64. */
  private static final double TICKS_PER_SECOND = 100;

  private CpuTime() {}

  static double seconds(long pid) {
    return ofStat(Path.of("/proc/" + pid + "/stat"), false);
  }

  /**
   * CPU seconds of a process's threads so far, grouped by thread name with digits dropped
   * ({@code GC Thread#1} and {@code GC Thread#0} are one group); Linux keeps 15 characters
   * of a name. Shows what JFR's execution samples do not: GC, JIT and kernel time.
   */
  static Map<String, Double> byThread(long pid) {
    return byThread(pid, false);
  }

  /** As {@link #byThread(long)}, counting only the time spent in the kernel when {@code kernelOnly}. */
  static Map<String, Double> byThread(long pid, boolean kernelOnly) {
    Map<String, Double> out = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
          out.merge(name, ofStat(task.resolve("stat"), kernelOnly), Double::sum);
        } catch (IOException e) {
          // the thread ended while listing
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    return out;
  }

  private static double ofStat(Path statFile, boolean kernelOnly) {
    try {
      String stat = Files.readString(statFile);
      // The command name (field 2) may hold spaces; fields after its ')' are plain.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // utime and stime are fields 14 and 15, indices 11 and 12 after the name.
      return ((kernelOnly ? 0 : Long.parseLong(f[11])) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
