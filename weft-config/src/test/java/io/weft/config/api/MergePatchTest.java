package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7386 appendix A's examples. */
class MergePatchTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"a\":\"b\"}                 | {\"a\":\"c\"}              | {\"a\":\"c\"}",
      "{\"a\":\"b\"}                 | {\"b\":\"c\"}              | {\"a\":\"b\",\"b\":\"c\"}",
      "{\"a\":\"b\"}                 | {\"a\":null}               | {}",
      "{\"a\":\"b\",\"b\":\"c\"}     | {\"a\":null}               | {\"b\":\"c\"}",
      "{\"a\":[\"b\"]}               | {\"a\":\"c\"}              | {\"a\":\"c\"}",
      "{\"a\":\"c\"}                 | {\"a\":[\"b\"]}            | {\"a\":[\"b\"]}",
      "{\"a\":{\"b\":\"c\"}}         | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
      "{\"a\":[{\"b\":\"c\"}]}       | {\"a\":[1]}                | {\"a\":[1]}",
      "[\"a\",\"b\"]                 | [\"c\",\"d\"]              | [\"c\",\"d\"]",
      "{\"a\":\"b\"}                 | [\"c\"]                    | [\"c\"]",
      "{\"e\":null}                  | {\"a\":1}                  | {\"e\":null,\"a\":1}",
      "[1,2]                         | {\"a\":\"b\",\"c\":null}   | {\"a\":\"b\"}",
      "{}                            | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"})
  void rfc7386Examples(String target, String patch, String result) throws Exception {
    var json = ApiFixture.JSON;
    var original = json.readTree(target);
    assertThat(MergePatch.apply(original, json.readTree(patch))).isEqualTo(json.readTree(result));
    assertThat(original).as("target unchanged").isEqualTo(json.readTree(target));
  }
}
