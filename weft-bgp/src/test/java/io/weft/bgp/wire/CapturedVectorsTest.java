package io.weft.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message captured from gobgpd, FRR and BIRD decodes cleanly and re-encodes. */
class CapturedVectorsTest {
  /** Every capture is from an external session with 4-octet AS negotiated. */
  static final WireOptions EBGP = new WireOptions(true, false);

  static List<Vector> captured() {
    return Vector.all("captured");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captured")
  void decodesAndReencodes(Vector v) {
    DecodeResult r = MessageCodec.decode(v.bytes(), EBGP);
    assertThat(r).isInstanceOf(DecodeResult.Decoded.class);
    DecodeResult.Decoded d = (DecodeResult.Decoded) r;
    assertThat(d.discarded()).isEmpty();
    byte[] again = MessageCodec.encode(d.message(), EBGP);
    if (v.canonical()) {
      assertThat(Bytes.of(again).hex()).isEqualTo(Bytes.of(v.bytes()).hex());
    } else {
      // Same message, different (legal) encoding choices: the records must survive a round trip.
      assertThat(MessageCodec.decode(again, EBGP)).isEqualTo(new DecodeResult.Decoded(d.message()));
    }
  }
}
