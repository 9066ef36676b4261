package io.weft.cni;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Interface changes through iproute2: {@code ip} in the host, {@code nsenter --net=<netns> ip -batch -} in a pod. */
final class Netlink {
  private Netlink() {}

  static void inNetns(String netns, List<String> batch) throws CniError {
    run(List.of("nsenter", "--net=" + netns, "ip", "-batch", "-"), String.join("\n", batch) + "\n");
  }

  static String output(String netns, List<String> cmd) throws CniError {
    List<String> full = new ArrayList<>(List.of("nsenter", "--net=" + netns));
    full.addAll(cmd);
    return run(full, null);
  }

  static String run(List<String> cmd, String stdin) throws CniError {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new CniError(CniError.IO_FAILURE, String.join(" ", cmd) + " failed", out.trim() + (stdin == null ? "" : " [" + stdin.trim() + "]"));
      }
      return out;
    } catch (IOException e) {
      throw new CniError(CniError.IO_FAILURE, "cannot run " + cmd.getFirst(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CniError(CniError.IO_FAILURE, "interrupted", null);
    }
  }
}
