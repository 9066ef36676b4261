package io.weft.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The packed VPN prefix gives back what it was built from, and compares by value. */
class VpnPrefixTest {
  private static final RouteDistinguisher RD = RouteDistinguisher.parse("65000:7");

  @ParameterizedTest
  @ValueSource(strings = {"10.1.2.3/32", "10.1.0.0/16", "0.0.0.0/0", "2001:db8::1/128", "2001:db8:1::/48"})
  void givesBackItsPrefixAndLabels(String cidr) {
    IpPrefix p = IpPrefix.parse(cidr);
    VpnPrefix one = new VpnPrefix(RD, 17, p);
    VpnPrefix stack = new VpnPrefix(RD, List.of(17, 18), p);
    assertThat(one.prefix()).isEqualTo(p);
    assertThat(one.labels()).containsExactly(17);
    assertThat(stack.labels()).containsExactly(17, 18);
    assertThat(stack.prefix()).isEqualTo(p);
    assertThat(one).isEqualTo(new VpnPrefix(RD, List.of(17), p)).hasSameHashCodeAs(new VpnPrefix(RD, List.of(17), p));
    assertThat(one).isNotEqualTo(stack).isNotEqualTo(new VpnPrefix(RD, 16, p))
        .isNotEqualTo(new VpnPrefix(RouteDistinguisher.parse("65000:8"), 17, p));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // length 108 = 24 (label 17, S bit) + 64 (RD 65000:7) + 20; 10.1.240.0/20 with its host bits (0x0f) kept
      "6c0001110000fde8000000070a01ff",
      // length 136 = 48 (labels 16, then 17 with S) + 64 + 24: 10.1.2.0/24
      "880001000001110000fde8000000070a0102",
  })
  void reencodesWhatItDecodedByteForByte(String hex) {
    byte[] wire = HexFormat.of().parseHex(hex);
    Nlri n = NlriCodec.decodeOne(Family.IPV4_VPN, ByteBuffer.wrap(wire), false);
    ByteBuffer out = ByteBuffer.allocate(64);
    NlriCodec.write(n, out);
    assertThat(HexFormat.of().formatHex(out.array(), 0, out.position())).isEqualTo(hex);
    assertThat(NlriCodec.size(n)).isEqualTo(wire.length);
  }
}
