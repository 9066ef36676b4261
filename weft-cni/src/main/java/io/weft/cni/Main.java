package io.weft.cni;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Weft CNI plugin (CNI spec 1.0): {@code CNI_COMMAND} ADD, DEL, CHECK or VERSION, the
 * network configuration on stdin, the result or a spec error on stdout. Launched by
 * {@code bin/weft-cni}.
 */
public final class Main {
  static final String VERSION = "1.0.0";
  static final List<String> SUPPORTED = List.of("0.3.0", "0.3.1", "0.4.0", "1.0.0");

  private Main() {}

  public static void main(String[] args) {
    int rc = run(System.getenv(), readStdin(), System.out);
    System.out.flush();
    System.exit(rc);
  }

  private static String readStdin() {
    try {
      return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Runs one command; returns the exit status. */
  static int run(Map<String, String> env, String stdin, PrintStream out) {
    String command = env.get("CNI_COMMAND");
    String version = VERSION;
    try {
      if ("VERSION".equals(command)) {
        out.print(Json.write(Map.of("cniVersion", VERSION, "supportedVersions", SUPPORTED)));
        return 0;
      }
      if (command == null) throw new CniError(CniError.INVALID_ENVIRONMENT, "CNI_COMMAND is not set", null);
      NetConf conf;
      try {
        conf = NetConf.parse(stdin);
      } catch (IllegalArgumentException e) {
        throw new CniError(CniError.DECODE_FAILURE, "cannot decode the network configuration", e.getMessage());
      }
      version = conf.cniVersion();
      if (!SUPPORTED.contains(version)) {
        throw new CniError(CniError.INCOMPATIBLE_VERSION, "incompatible CNI version " + version, "supported: " + SUPPORTED);
      }
      Plugin plugin = new Plugin(conf, env);
      switch (command) {
        case "ADD" -> out.print(Json.write(plugin.add()));
        case "DEL" -> plugin.del();
        case "CHECK" -> plugin.check();
        default -> throw new CniError(CniError.INVALID_ENVIRONMENT, "unknown CNI_COMMAND " + command, null);
      }
      return 0;
    } catch (CniError e) {
      out.print(e.toJson(version));
      return 1;
    } catch (RuntimeException e) {
      out.print(new CniError(CniError.IO_FAILURE, "internal error", e.toString()).toJson(version));
      return 1;
    }
  }
}
