package io.weft.app;

import io.weft.cli.Weftctl;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code weft up --demo}: applies the example manifests through the same code path as
 * {@code weftctl apply}, then tells the user what to look at.
 */
final class Demo {
  private final String serverUrl;
  private final String token;
  private final Path examples;

  Demo(String serverUrl, String token, Path examples) {
    this.serverUrl = serverUrl;
    this.token = token;
    this.examples = examples;
  }

  int run(PrintStream out, PrintStream err) {
    if (!Files.isDirectory(examples)) {
      err.println("weft: --demo needs the examples directory, but " + examples.toAbsolutePath().normalize()
          + " does not exist; run from the repository root or pass --examples DIR");
      return 1;
    }
    out.println("weft: applying the demo manifests in " + examples + " ...");
    Map<String, String> env = new HashMap<>(System.getenv());
    if (token != null) env.put("WEFT_TOKEN", token);
    List<String> args = new ArrayList<>(List.of("--server", serverUrl, "apply", "-f", examples.toString()));
    int rc = Weftctl.run(args.toArray(String[]::new), out, err, env);
    if (rc != 0) {
      err.println("weft: applying the demo failed (exit " + rc + "); the API is still running");
      return rc;
    }
    out.println();
    out.println("Demo ready. Things to look at (in another terminal):");
    out.println("  bin/weftctl get projects");
    out.println("  bin/weftctl get virtualnetworks -A");
    out.println("  bin/weftctl get ports -A");
    out.println("  bin/weftctl get firewallrules -A -o yaml");
    out.println("  bin/weftctl describe applicationpolicyset <name> -n <project>");
    out.println("  bin/weftctl get vn -A --watch      # live changes");
    out.println("  curl -s " + serverUrl + "/metrics | grep weft_");
    return 0;
  }
}
