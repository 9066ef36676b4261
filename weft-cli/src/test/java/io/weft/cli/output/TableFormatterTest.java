package io.weft.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatterTest {
  @Test
  void alignsColumnsWithoutTrailingBlanks() {
    String table = new TableFormatter(List.of("NAME", "SUBNETS", "VNI"))
        .row(List.of("red", "10.1.1.0/24,10.1.2.0/24", "5001"))
        .row(List.of("green-long-name", "10.2.0.0/16", "5002"))
        .render();

    assertThat(table).isEqualTo("""
        NAME              SUBNETS                   VNI
        red               10.1.1.0/24,10.1.2.0/24   5001
        green-long-name   10.2.0.0/16               5002
        """);
  }

  @Test
  void emptyCellsPrintAsNoneSoColumnsStayParseable() {
    String table = new TableFormatter(List.of("NAME", "VNI")).row(java.util.Arrays.asList("red", null)).render();

    assertThat(table.lines().toList()).containsExactly("NAME   VNI", "red    <none>");
  }

  @Test
  void headersOnlyWhenNoRows() {
    assertThat(new TableFormatter(List.of("NAME", "PROJECT")).render()).isEqualTo("NAME   PROJECT\n");
  }

  @Test
  void refusesRowOfWrongWidth() {
    assertThatThrownBy(() -> new TableFormatter(List.of("NAME", "VNI")).row(List.of("red")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
