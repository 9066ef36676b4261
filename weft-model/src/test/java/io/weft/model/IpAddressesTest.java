package io.weft.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv4 literals are dotted quads only, as the documented pattern says; IPv6 goes to InetAddress. */
class IpAddressesTest {
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  @ParameterizedTest
  @ValueSource(strings = {"10.1.1.1", "0.0.0.0", "255.255.255.255", "10.1.1", "10.257", "1.2.3.4.5", "1..2.3", ".1.2.3",
      "1.2.3.", "1234.1.1.1", "256.1.1.1", "a.b.c.d", "", "::1", "fe80::1", "10.1.1.1 ", "١.2.3.4"})
  void acceptsExactlyDottedQuadsInRangeAndIpv6(String text) {
    boolean expected = text.indexOf(':') >= 0 ? isInetLiteral(text) : DOTTED_QUAD.matcher(text).matches() && isInetLiteral(text);
    assertThat(IpAddresses.isValid(text)).as(text).isEqualTo(expected);
  }

  @Test
  void agreesWithThePatternOnRandomText() {
    Random random = new Random(11);
    String alphabet = "0123456789..a";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + random.nextInt(16);
      for (int j = 0; j < n; j++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String text = sb.toString();
      assertThat(IpAddresses.isValid(text)).as(text).isEqualTo(DOTTED_QUAD.matcher(text).matches() && isInetLiteral(text));
    }
  }

  private static boolean isInetLiteral(String text) {
    try {
      java.net.InetAddress.ofLiteral(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
