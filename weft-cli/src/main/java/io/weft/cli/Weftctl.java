package io.weft.cli;

import io.weft.cli.api.ApiClient;
import io.weft.cli.api.ApiException;
import io.weft.cli.api.ServerUnreachableException;
import io.weft.cli.command.ApplyCommand;
import io.weft.cli.command.DeleteCommand;
import io.weft.cli.command.DescribeCommand;
import io.weft.cli.command.GetCommand;
import io.weft.model.FieldError;
import io.weft.model.ResourceCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code weftctl}: the command-line client of the config API. Global options are inherited
 * by every subcommand, so {@code weftctl get vn --server URL} works as well as
 * {@code weftctl --server URL get vn}.
 */
@Command(
    name = "weftctl",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = Weftctl.Version.class,
    description = "Manage Weft resources through the config API.",
    footer = {"", "Environment: WEFT_SERVER (default server), WEFT_TOKEN (bearer token), WEFT_PROJECT (default project)."})
public final class Weftctl implements Callable<Integer> {
  public static final String DEFAULT_SERVER = "http://127.0.0.1:8082";
  public static final int EXIT_OK = 0;
  public static final int EXIT_ERROR = 1;
  public static final int EXIT_USAGE = 2;

  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL", description = "Config API address (default: $WEFT_SERVER, else " + DEFAULT_SERVER + ").")
  String server;

  @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "File holding the bearer token (default: $WEFT_TOKEN).")
  Path tokenFile;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final ResourceCodec codec = new ResourceCodec();
  private ApiClient client;

  private Weftctl(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.env = env;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  /** Runs one command line and returns its exit code: 0 done, 1 failed, 2 usage error. */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    return run(args, System.in, out, err, env);
  }

  /** As {@link #run(String[], PrintStream, PrintStream, Map)}, reading {@code -f -} from {@code in}. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    Weftctl root = new Weftctl(in, out, err, env);
    CommandLine cli = commandLine(root);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine(Weftctl root) {
    CommandLine cli = new CommandLine(root);
    cli.addSubcommand(new ApplyCommand(root));
    cli.addSubcommand(new GetCommand(root));
    cli.addSubcommand(new DescribeCommand(root));
    cli.addSubcommand(new DeleteCommand(root));
    cli.addSubcommand(new ExplainCommand(root));
    cli.setOut(new PrintWriter(root.out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(root.err, true, StandardCharsets.UTF_8));
    cli.setParameterExceptionHandler(root::onUsageError);
    cli.setExecutionExceptionHandler((e, line, parsed) -> root.onFailure(e));
    return cli;
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, err);
    return EXIT_USAGE;
  }

  public PrintStream out() {
    return out;
  }

  public PrintStream err() {
    return err;
  }

  public InputStream in() {
    return in;
  }

  public ResourceCodec codec() {
    return codec;
  }

  /** The project to use when none is given on the command line: $WEFT_PROJECT, or null. */
  public String defaultProject() {
    String p = env.get("WEFT_PROJECT");
    return p == null || p.isBlank() ? null : p;
  }

  public ApiClient client() {
    if (client == null) client = new ApiClient(serverUri(), token(), codec);
    return client;
  }

  URI serverUri() {
    String s = server != null ? server : env.getOrDefault("WEFT_SERVER", DEFAULT_SERVER);
    if (s.isBlank()) s = DEFAULT_SERVER;
    try {
      URI uri = URI.create(s);
      if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().startsWith("http")) throw new IllegalArgumentException();
      return uri;
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--server '" + s + "' is not an http:// or https:// URL");
    }
  }

  String token() {
    if (tokenFile != null) {
      try {
        String t = Files.readString(tokenFile).strip();
        if (t.isEmpty()) throw new CliException("token file " + tokenFile + " is empty");
        return t;
      } catch (IOException e) {
        throw new CliException("cannot read token file " + tokenFile + ": " + e.getMessage());
      }
    }
    String t = env.get("WEFT_TOKEN");
    return t == null || t.isBlank() ? null : t.strip();
  }

  private int onUsageError(CommandLine.ParameterException e, String[] args) {
    err.println("error: " + e.getMessage());
    err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
    return EXIT_USAGE;
  }

  private int onFailure(Exception e) {
    switch (e) {
      case ApiException api -> printApiError(api);
      case ServerUnreachableException u -> err.println("error: " + u.getMessage());
      case CliException c -> {
        err.println("error: " + c.getMessage());
        return c.exitCode();
      }
      default -> {
        err.println("error: " + e);
        e.printStackTrace(err);
      }
    }
    return EXIT_ERROR;
  }

  public void printApiError(ApiException e) {
    String reason = e.reason().isEmpty() ? "HTTP " + e.status() : e.reason();
    err.println("Error from server (" + reason + "): " + e.getMessage());
    for (FieldError fe : e.errors()) err.println("  " + fe.field() + ": " + fe.message());
    // The server's message usually names the referrers already.
    if (!e.referencedBy().isEmpty() && !e.getMessage().contains(e.referencedBy().getFirst())) err.println("  referenced by: " + String.join(", ", e.referencedBy()));
  }

  /** The version Maven stamped into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream s = Weftctl.class.getResourceAsStream("version.properties")) {
        if (s != null) p.load(s);
      }
      return new String[] {"weftctl " + p.getProperty("version", "unknown")};
    }
  }
}
