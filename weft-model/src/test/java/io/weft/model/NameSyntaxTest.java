package io.weft.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written name and label checks accept exactly what the documented patterns accept. */
class NameSyntaxTest {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,251}[A-Za-z0-9])?");
  private static final Pattern KEY = Pattern.compile("([a-z0-9.-]{1,253}/)?[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?");
  private static final Pattern VALUE = Pattern.compile("(|[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)");
  private static final String ALPHABET = "aZ09-_./ :é\u0000A";

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a", "-", "a-", "-a", "a-b", "a.b_c", "A9", "a b", "a/b", "ex.com/a", "EX.com/a", "/a", "a/",
      "a//b", "x/y/z", "é", "net-1", "a..b", "_a", "a_"})
  void agreesWithThePatterns(String s) {
    assertAgrees(s);
  }

  @Test
  void agreesAtTheLengthLimits() {
    for (int n : new int[] {62, 63, 64, 252, 253, 254}) {
      assertAgrees("a".repeat(n));
      assertAgrees("p".repeat(n) + "/k");
      assertAgrees("p/" + "k".repeat(n));
    }
  }

  @Test
  void agreesOnRandomStrings() {
    Random random = new Random(20261121);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = random.nextInt(8);
      for (int j = 0; j < n; j++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      assertAgrees(sb.toString());
    }
  }

  private static void assertAgrees(String s) {
    assertThat(Names.problem(s) == null).as("name '%s'", s).isEqualTo(!s.isBlank() && NAME.matcher(s).matches());
    assertThat(Labels.validKey(s)).as("label key '%s'", s).isEqualTo(KEY.matcher(s).matches());
    assertThat(Labels.validValue(s)).as("label value '%s'", s).isEqualTo(VALUE.matcher(s).matches());
  }
}
