package io.weft.cli.command;

/** The {@code -o} formats of {@code weftctl get}. */
enum OutputFormat {
  table, wide, yaml, json
}
