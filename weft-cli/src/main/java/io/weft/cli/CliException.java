package io.weft.cli;

/**
 * A problem weftctl finds on its own side (a file it cannot read or parse, an option that
 * needs another): printed as one message, exiting with {@link #exitCode()}.
 */
public final class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(String message) {
    this(message, 1);
  }

  public CliException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(message, Weftctl.EXIT_USAGE);
  }

  public int exitCode() {
    return exitCode;
  }
}
