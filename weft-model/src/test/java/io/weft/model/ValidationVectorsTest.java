package io.weft.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every file under {@code vectors/}: each {@code valid/} document parses and
 * round-trips through JSON and YAML; each {@code invalid/} document is rejected with every
 * error its {@code # expect: <field>: <message fragment>} lines name.
 */
class ValidationVectorsTest {
  private static final Path VECTORS = Path.of("src/test/resources/vectors");
  private static final String EXPECT = "# expect: ";
  private final ResourceCodec codec = new ResourceCodec();

  static Stream<Path> valid() throws IOException {
    return files("valid");
  }

  static Stream<Path> invalid() throws IOException {
    return files("invalid");
  }

  private static Stream<Path> files(String dir) throws IOException {
    try (Stream<Path> s = Files.list(VECTORS.resolve(dir))) {
      List<Path> all = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(all).as("vectors in " + dir).isNotEmpty();
      return all.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validDocumentParsesAndRoundTrips(Path file) throws IOException {
    Resource r;
    try {
      r = codec.parse(Files.readString(file));
    } catch (ValidationException e) {
      throw new AssertionError(file + " should be valid: " + e.errors(), e);
    }
    assertThat(codec.parseJson(codec.toJson(r))).isEqualTo(r);
    assertThat(codec.parse(codec.toYaml(r))).isEqualTo(r);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidDocumentIsRejectedNamingTheField(Path file) throws IOException {
    String text = Files.readString(file);
    List<FieldError> expected = text.lines()
        .filter(l -> l.startsWith(EXPECT))
        .map(l -> l.substring(EXPECT.length()))
        .map(l -> l.indexOf(": ") < 0 ? new FieldError(l.strip(), "") : new FieldError(l.substring(0, l.indexOf(": ")), l.substring(l.indexOf(": ") + 2).strip()))
        .toList();
    assertThat(expected).as(file + " needs a '" + EXPECT + "field: message' line").isNotEmpty();
    List<FieldError> actual;
    try {
      codec.parse(text);
      actual = fail(file + " was accepted");
    } catch (ValidationException e) {
      actual = e.errors();
    }
    for (FieldError want : expected) {
      assertThat(actual)
          .as("%s: expected %s among %s", file, want, actual)
          .anyMatch(got -> got.field().equals(want.field()) && got.message() != null && got.message().contains(want.message()));
    }
    // The same document as JSON: the streaming pass declines it, and parseJson names the same errors.
    com.fasterxml.jackson.databind.JsonNode tree;
    try {
      tree = codec.yaml().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
      return; // no JSON form
    }
    byte[] json = codec.json().writeValueAsBytes(tree);
    assertThat(codec.parseValidJson(json, null)).as(file + " as JSON, streamed").isNull();
    try {
      codec.parseJson(json);
      fail(file + " as JSON was accepted");
    } catch (ValidationException e) {
      assertThat(e.errors()).as(file + " as JSON").isEqualTo(actual);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validDocumentAsJsonStreamsAsTheTreePath(Path file) throws IOException {
    byte[] json = codec.json().writeValueAsBytes(codec.yaml().readTree(Files.readString(file)));
    assertThat(codec.parseValidJson(json, null)).as(file.toString()).isNotNull().isEqualTo(codec.fromTree(codec.json().readTree(json)));
  }
}
