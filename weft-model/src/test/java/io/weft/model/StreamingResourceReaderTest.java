package io.weft.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming pass answers only for valid documents; everything else is left to the tree path. */
class StreamingResourceReaderTest {
  private static final String NETWORK = """
      {"apiVersion":"weft/v1","kind":"VirtualNetwork","metadata":{"name":"blue","project":"p","labels":{"tier":"web"}},
       "spec":{"subnets":[{"cidr":"10.1.1.0/24"}]}}""";
  private final ResourceCodec codec = new ResourceCodec();

  @Test
  void readsAValidDocumentAsTheTreePath() {
    Resource streamed = codec.parseValidJson(bytes(NETWORK), null);
    assertThat(streamed).isNotNull().isEqualTo(codec.fromTree(tree(NETWORK)));
    assertThat(streamed.metadata().labels()).containsEntry("tier", "web");
  }

  @Test
  void fillsAnAbsentProjectOnly() {
    String noProject = NETWORK.replace(",\"project\":\"p\"", "");
    assertThat(codec.parseValidJson(bytes(noProject), "q").metadata().project()).isEqualTo("q");
    assertThat(codec.parseValidJson(bytes(NETWORK), "q").metadata().project()).isEqualTo("p");
    assertThat(codec.parseValidJson(bytes(noProject), null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "[]",
      "{\"apiVersion\":\"weft/v1\"",
      // kind after spec: a layout the streaming pass does not take
      "{\"apiVersion\":\"weft/v1\",\"spec\":{},\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"blue\",\"project\":\"p\"}}",
      // a duplicate field
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"blue\",\"project\":\"p\"},\"spec\":{}}",
      // a name that is not a string
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":5,\"project\":\"p\"},\"spec\":{}}",
      // an unknown field in metadata and in spec
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"blue\",\"project\":\"p\",\"x\":1},\"spec\":{}}",
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"blue\",\"project\":\"p\"},\"spec\":{\"x\":1}}",
      // a label value that is not a string (the tree path takes a number as its text) and an invalid label
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"blue\",\"project\":\"p\",\"labels\":{\"a\":5}},\"spec\":{}}",
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"blue\",\"project\":\"p\",\"labels\":{\"a\":\"-\"}},\"spec\":{}}",
      // a spec rule broken
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"blue\",\"project\":\"p\"},\"spec\":{\"subnets\":[{\"cidr\":\"10.1.1.0/33\"}]}}",
      // trailing content
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"blue\",\"project\":\"p\"},\"spec\":{}} {}",
  })
  void declinesAnythingElse(String body) {
    assertThat(codec.parseValidJson(bytes(body), null)).isNull();
  }

  @Test
  void parseJsonTakesTheTreePathForALayoutTheStreamingPassDeclines() {
    String kindLast = "{\"apiVersion\":\"weft/v1\",\"spec\":{},\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"blue\",\"project\":\"p\"}}";
    assertThat(codec.parseJson(bytes(kindLast)).key()).isEqualTo(new ResourceKey(Kind.VIRTUAL_NETWORK, "p", "blue"));
  }

  @Test
  void parseJsonTakesANumericLabelValueAsItsText() {
    String numeric = NETWORK.replace("\"web\"", "5");
    assertThat(codec.parseJson(bytes(numeric)).metadata().labels()).containsEntry("tier", "5");
  }

  @Test
  void parseJsonNamesTheFieldOfAProblem() {
    String bad = NETWORK.replace("10.1.1.0/24", "10.1.1.0/33");
    assertThatThrownBy(() -> codec.parseJson(bytes(bad)))
        .isInstanceOfSatisfying(ValidationException.class,
            e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("spec.subnets[0].cidr"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private com.fasterxml.jackson.databind.JsonNode tree(String s) {
    try {
      return codec.json().readTree(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }
}
