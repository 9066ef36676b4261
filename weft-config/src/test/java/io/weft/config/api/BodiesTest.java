package io.weft.config.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.config.store.Entry;
import io.weft.model.Kind;
import io.weft.model.ResourceCodec;
import io.weft.model.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodiesTest {
  private final Bodies bodies = new Bodies(new ResourceCodec());

  /** The streamed answer is byte for byte the tree answer rendered, whatever the stored metadata holds. */
  @ParameterizedTest
  @ValueSource(strings = {
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"VirtualNetwork\",\"metadata\":{\"name\":\"red\",\"project\":\"p\",\"uid\":\"u\","
          + "\"resourceVersion\":0,\"labels\":{\"a\":\"b\"}},\"spec\":{\"subnets\":[{\"cidr\":\"10.0.0.0/24\"}],\"x\":[1,2.5,true,null]},"
          + "\"status\":{\"vni\":5001}}",
      "{\"apiVersion\":\"weft/v1\",\"kind\":\"Project\",\"metadata\":{\"name\":\"p\"},\"spec\":{}}",
      "{\"kind\":\"Project\",\"spec\":{\"metadata\":{\"resourceVersion\":1}},\"metadata\":{\"resourceVersion\":7,\"name\":\"p\"}}",
      "{\"kind\":\"Project\",\"metadata\":{},\"spec\":{}}",
      "{\"kind\":\"Project\",\"metadata\":{\"labels\":{\"resourceVersion\":\"x\"},\"name\":\"p\",\"resourceVersion\":123456789012}}",
      "{\"kind\":\"Project\",\"metadata\":{\"name\":\"p\",\"resourceVersion\":\"9\"}}",
      "{\"kind\":\"Project\",\"spec\":{\"name\":\"éé\"},\"metadata\":{\"name\":\"p\",\"resourceVersion\":-1}}",
  })
  void answerJsonEqualsTheTreeAnswer(String stored) {
    Entry e = new Entry(new ResourceKey(Kind.PROJECT, null, "p"), stored.getBytes(StandardCharsets.UTF_8), Set.of(), 3, 42);
    byte[] fromTree = bodies.render(bodies.answer(e, 42), null);
    assertThat(new String(bodies.answerJson(e, 42), StandardCharsets.UTF_8)).isEqualTo(new String(fromTree, StandardCharsets.UTF_8));
  }
}
