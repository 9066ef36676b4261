package io.weft.cli.command;

import io.weft.cli.CliException;
import io.weft.model.FieldError;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the resources named by {@code -f}: files, directories (every {@code *.yaml},
 * {@code *.yml} and {@code *.json} below, in path order so {@code 00-projects.yaml} comes
 * before {@code 10-networks.yaml}) and {@code -} for standard input. Every file is parsed
 * and validated before the caller acts on any, so a typo in the last file changes nothing.
 */
final class Manifests {
  private Manifests() {}

  static List<Manifest> read(List<String> sources, InputStream stdin, ResourceCodec codec) {
    List<Manifest> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String source : sources) {
      for (Named text : texts(source, stdin)) {
        try {
          for (Resource r : codec.parseAll(text.content())) out.add(new Manifest(r, text.name()));
        } catch (ValidationException e) {
          for (FieldError fe : e.errors()) problems.add(text.name() + ": " + fe.field() + ": " + fe.message());
        }
      }
    }
    if (!problems.isEmpty()) throw new CliException(String.join("\n", problems));
    return out;
  }

  private static List<Named> texts(String source, InputStream stdin) {
    if (source.equals("-")) {
      try {
        return List.of(new Named("<stdin>", new String(stdin.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new CliException("cannot read standard input: " + e.getMessage());
      }
    }
    Path path = Path.of(source);
    if (!Files.exists(path)) throw new CliException(source + ": no such file or directory");
    if (!Files.isDirectory(path)) return List.of(new Named(source, readFile(path)));
    List<Path> files;
    try (Stream<Path> walk = Files.walk(path)) {
      files = walk.filter(Files::isRegularFile)
          .filter(Manifests::isManifest)
          .sorted(Comparator.comparing(p -> path.relativize(p).toString()))
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new CliException(source + ": cannot list directory: " + e.getMessage());
    }
    List<Named> out = new ArrayList<>();
    for (Path f : files) out.add(new Named(f.toString(), readFile(f)));
    return out;
  }

  static boolean isManifest(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
  }

  private static String readFile(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new CliException(p + ": cannot read: " + e.getMessage());
    }
  }

  private record Named(String name, String content) {}
}
