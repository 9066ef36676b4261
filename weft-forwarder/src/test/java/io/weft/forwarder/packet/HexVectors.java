package io.weft.forwarder.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads the annotated hex vectors under src/test/resources/vectors: '#' starts a comment. */
public final class HexVectors {
  private HexVectors() {}

  public static byte[] load(String name) {
    try (InputStream in = HexVectors.class.getResourceAsStream("/vectors/" + name)) {
      if (in == null) throw new IllegalArgumentException("no vector " + name);
      StringBuilder hex = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
        int hash = line.indexOf('#');
        hex.append((hash < 0 ? line : line.substring(0, hash)).replaceAll("\\s", ""));
      }
      return HexFormat.of().parseHex(hex);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
