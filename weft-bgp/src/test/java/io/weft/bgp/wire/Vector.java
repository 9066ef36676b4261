package io.weft.bgp.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A hex test vector: bytes with '#' comments and '#! key: value' directives. */
record Vector(String name, byte[] bytes, Map<String, String> directives) {
  static Vector load(Path p) {
    try {
      StringBuilder hex = new StringBuilder();
      Map<String, String> d = new HashMap<>();
      for (String line : Files.readAllLines(p)) {
        if (line.startsWith("#!")) {
          String[] kv = line.substring(2).split(":", 2);
          d.put(kv[0].trim(), kv[1].trim());
          continue;
        }
        int hash = line.indexOf('#');
        hex.append(hash < 0 ? line : line.substring(0, hash));
      }
      String name = p.getFileName().toString().replace(".hex", "");
      return new Vector(name, Bytes.fromHex(hex.toString()).toArray(), d);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Vector> all(String dir) {
    try (Stream<Path> s = Files.list(Path.of(Vector.class.getResource("/vectors/" + dir).toURI()))) {
      return s.filter(p -> p.toString().endsWith(".hex")).sorted().map(Vector::load).toList();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Vector named(String dir, String name) {
    return all(dir).stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  boolean canonical() {
    return !directives.getOrDefault("canonical", "true").startsWith("false");
  }

  @Override
  public String toString() {
    return name;
  }
}
