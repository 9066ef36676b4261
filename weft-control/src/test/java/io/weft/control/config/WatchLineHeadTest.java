package io.weft.control.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WatchLineHeadTest {
  private final JsonFactory json = new JsonFactory();

  @Test
  void readsTypeKindAndRevisionOfAnEvent() throws IOException {
    assertThat(WatchLineHead.of(json, """
        {"type":"ADDED","object":{"apiVersion":"weft/v1","kind":"VirtualNetwork","metadata":{"name":"red","labels":{"a":"b"},\
        "resourceVersion":42},"spec":{"subnets":[{"cidr":"10.0.0.0/24"}]}}}"""))
        .isEqualTo(new WatchLineHead("ADDED", "VirtualNetwork", 42));
  }

  @Test
  void readsKindAfterMetadata() throws IOException {
    assertThat(WatchLineHead.of(json, """
        {"type":"DELETED","object":{"metadata":{"resourceVersion":"7"},"spec":{},"kind":"PortConfig"}}"""))
        .isEqualTo(new WatchLineHead("DELETED", "PortConfig", 7));
  }

  @Test
  void aBookmarkHasNoKind() throws IOException {
    assertThat(WatchLineHead.of(json, "{\"type\":\"BOOKMARK\",\"object\":{\"metadata\":{\"resourceVersion\":9}}}"))
        .isEqualTo(new WatchLineHead("BOOKMARK", null, 9));
  }

  @Test
  void aLineWithTheTypeLastIsLeftToTheFullParse() throws IOException {
    assertThat(WatchLineHead.of(json, "{\"object\":{\"kind\":\"VirtualNetwork\"},\"type\":\"ADDED\"}").type()).isNull();
  }
}
