package io.weft.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgentClientTest {
  @Test
  void chunkSizesCountBytesSoMultiByteCharactersSurvive() {
    // "{\"msg\":\"café\"}" is 15 bytes (é is two); split as 10 + 5 bytes, the first chunk ends inside no character.
    byte[] body = "{\"msg\":\"café\"}".getBytes(StandardCharsets.UTF_8);
    String wire = "a\r\n" + new String(body, 0, 10, StandardCharsets.ISO_8859_1) + "\r\n5;ext=1\r\n"
        + new String(body, 10, 5, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";
    byte[] raw = ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + wire).getBytes(StandardCharsets.ISO_8859_1);
    int bodyStart = new String(raw, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
    assertThat(new String(AgentClient.dechunk(raw, bodyStart), StandardCharsets.UTF_8)).isEqualTo("{\"msg\":\"café\"}");
  }
}
