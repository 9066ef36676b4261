package io.weft.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReverseNameTest {
  @ParameterizedTest
  @CsvSource({
      "10.1.1.3, 3.1.1.10.in-addr.arpa",
      "fd00::3, 3.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa"})
  void roundTrips(String address, String name) {
    InetAddress a = InetAddress.ofLiteral(address);
    assertThat(ReverseName.of(a)).isEqualTo(name);
    assertThat(ReverseName.parse(name)).contains(a);
    assertThat(ReverseName.parse(name.toUpperCase())).contains(a);
    assertThat(ReverseName.isReverse(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.10.in-addr.arpa", "in-addr.arpa", "256.1.1.10.in-addr.arpa", "03.1.1.10.in-addr.arpa",
      "a.1.1.10.in-addr.arpa", "..1.10.in-addr.arpa", "3.0.ip6.arpa", "web.finance", "x.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.f.ip6.arpa"})
  void partialOrMalformedNamesAreNoAddress(String name) {
    assertThat(ReverseName.parse(name)).isEmpty();
  }
}
