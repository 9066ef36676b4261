/** weftctl: the command-line client of the config API. */
module io.weft.cli {
  requires io.weft.model;
  requires io.weft.policy;
  requires info.picocli;
  requires java.net.http;

  exports io.weft.cli;

  opens io.weft.cli to info.picocli;
  opens io.weft.cli.command to info.picocli;
}
