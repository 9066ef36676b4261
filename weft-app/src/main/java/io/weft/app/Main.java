package io.weft.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code weft}: runs Weft's roles. Each subcommand is one way to run them. */
@Command(
    name = "weft",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Weft: multi-tenant virtual networks for containers, VMs and bare metal.",
    subcommands = {UpCommand.class, ConfigCommand.class, ControlCommand.class, AgentCommand.class, SimAgentsCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  public static void main(String[] args) {
    int rc = new CommandLine(new Main()).execute(args);
    // Exit only on failure: after a signal the JVM is already shutting down, and
    // System.exit would block behind the shutdown hook that waits for us.
    if (rc != 0) System.exit(rc);
  }
}
