package io.weft.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed messages produce exactly the RFC 7606 approach and the RFC 4271 §6
 * code/subcode that each vector's {@code #! expect:} line names.
 */
class ErrorVectorsTest {
  static List<Vector> errors() {
    return Vector.all("errors");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void outcomeMatches(Vector v) {
    String[] expect = v.directives().get("expect").split(" ");
    String[] cs = expect[1].split("/");
    int code = Integer.parseInt(cs[0]);
    int subcode = Integer.parseInt(cs[1]);
    WireOptions opts = "ebgp".equals(v.directives().get("options")) ? new WireOptions(true, false) : WireOptions.DEFAULT;
    DecodeResult r = MessageCodec.decode(v.bytes(), opts);
    DecodeError e = switch (expect[0]) {
      case "session-reset" -> {
        assertThat(r).isInstanceOf(DecodeResult.SessionReset.class);
        yield ((DecodeResult.SessionReset) r).error();
      }
      case "treat-as-withdraw" -> {
        assertThat(r).isInstanceOf(DecodeResult.TreatAsWithdraw.class);
        DecodeResult.TreatAsWithdraw w = (DecodeResult.TreatAsWithdraw) r;
        // Every announced route comes back as withdrawn, and nothing is announced.
        assertThat(w.withdrawal().allReachable()).isEmpty();
        assertThat(w.withdrawal().allWithdrawn()).isNotEmpty();
        yield w.cause();
      }
      case "discard" -> {
        assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
        DecodeResult.Decoded d = (DecodeResult.Decoded) r;
        assertThat(((Update) d.message()).allReachable()).isNotEmpty();
        assertThat(d.discarded()).hasSize(1);
        yield d.discarded().getFirst();
      }
      default -> throw new IllegalArgumentException(expect[0]);
    };
    assertThat(e.code()).as("code of %s", e).isEqualTo(code);
    assertThat(e.subcode()).as("subcode of %s", e).isEqualTo(subcode);
    assertThat(e.offset()).isBetween(0, v.bytes().length);
  }
}
