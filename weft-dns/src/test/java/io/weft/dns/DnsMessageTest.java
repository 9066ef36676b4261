package io.weft.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsMessageTest {
  @Test
  void decodesAndReencodesABusyboxQuery() {
    byte[] q = Vectors.load("dns-query-a-busybox.hex");
    DnsMessage query = DnsMessage.decode(ByteBuffer.wrap(q)).orThrow();
    assertThat(query.id()).isEqualTo(0x0e2b);
    assertThat(query.flags()).isEqualTo(DnsMessage.RD);
    assertThat(query.questions()).containsExactly(new DnsQuestion("web.finance", DnsMessage.TYPE_A, DnsMessage.CLASS_IN));
    assertThat(query.encode()).isEqualTo(q);
  }

  @Test
  void replyKeepsIdOpcodeRdAndQuestions() {
    DnsMessage q = DnsMessage.query(0x1234, new DnsQuestion("web.finance", DnsMessage.TYPE_A, DnsMessage.CLASS_IN));
    DnsRecord a = new DnsRecord("web.finance", DnsMessage.TYPE_A, DnsMessage.CLASS_IN, 30, new byte[] {10, 1, 1, 3});
    byte[] wire = q.reply(DnsMessage.AA, DnsMessage.RCODE_NOERROR, List.of(a)).encode();
    assertThat(HexFormat.of().formatHex(wire)).isEqualTo(
        "1234" + "8500" + "0001" + "0001" + "0000" + "0000" // id; QR AA RD NOERROR; 1 question, 1 answer
            + "03776562" + "0766696e616e636500" + "0001" + "0001" // question
            + "03776562" + "0766696e616e636500" + "0001" + "0001" + "0000001e" + "0004" + "0a010103"); // A 10.1.1.3 ttl 30
  }

  @Test
  void compressionPointersMustPointBackwards() {
    // header + question with a pointer to itself at offset 12
    byte[] loop = HexFormat.of().parseHex("000101000001000000000000c00c00010001");
    assertThat(DnsMessage.decode(ByteBuffer.wrap(loop))).isInstanceOf(DnsDecodeError.class);
    // answer name pointing back at the question name (offset 12)
    byte[] ok = HexFormat.of().parseHex("000181800001000100000000" + "037765620000010001" + "c00c00010001" + "0000001e00040a010103");
    DnsMessage m = DnsMessage.decode(ByteBuffer.wrap(ok)).orThrow();
    assertThat(m.answers().getFirst().name()).isEqualTo("web");
  }

  @Test
  void truncatedQuestionIsAnErrorWithItsOffset() {
    byte[] junk = HexFormat.of().parseHex("1234010000010000000000000377");
    assertThat(DnsMessage.decode(ByteBuffer.wrap(junk))).isEqualTo(new DnsDecodeError("question 0 name", 12, "bad label or pointer"));
  }

  @Test
  void formatErrorEchoesIdAndRdButNeverAnswersAResponseOrAShortPacket() {
    byte[] junk = HexFormat.of().parseHex("1234010000010000000000000377");
    DnsMessage r = DnsMessage.decode(ByteBuffer.wrap(DnsMessage.formatError(junk, 0).orElseThrow())).orThrow();
    assertThat(r.id()).isEqualTo(0x1234);
    assertThat(r.rcode()).isEqualTo(DnsMessage.RCODE_FORMERR);
    assertThat(r.flags() & (DnsMessage.QR | DnsMessage.RD)).isEqualTo(DnsMessage.QR | DnsMessage.RD);
    assertThat(DnsMessage.formatError(HexFormat.of().parseHex("1234"), 0)).isEmpty();
    assertThat(DnsMessage.formatError(HexFormat.of().parseHex("123481000001000000000000"), 0)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "web.finance", "a\\046b.c", "back\\092slash", "sp\\032ace"})
  void namesSurviveTheWire(String name) {
    DnsMessage q = DnsMessage.query(1, new DnsQuestion(name, DnsMessage.TYPE_A, DnsMessage.CLASS_IN));
    assertThat(DnsMessage.decode(ByteBuffer.wrap(q.encode())).orThrow()).isEqualTo(q);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a..b", ".a", "x123456789012345678901234567890123456789012345678901234567890123.z"})
  void unencodableNamesAreRefused(String name) {
    assertThatThrownBy(() -> DnsName.toWire(name)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomBytesDecodeToAValueNeverAnException() {
    Random rnd = new Random(7);
    byte[] base = Vectors.load("dns-query-a-busybox.hex");
    for (int i = 0; i < 20_000; i++) {
      byte[] w = base.clone();
      for (int k = 0; k < 1 + rnd.nextInt(6); k++) w[rnd.nextInt(w.length)] = (byte) rnd.nextInt();
      DnsDecodeResult r = DnsMessage.decode(ByteBuffer.wrap(w, 0, rnd.nextInt(w.length + 1)));
      if (r instanceof DnsMessage m) {
        try {
          m.encode();
        } catch (IllegalArgumentException e) {
          // a decoded name is always encodable: \DDD escapes round-trip
          throw new AssertionError(m.toString(), e);
        }
      }
    }
  }
}
