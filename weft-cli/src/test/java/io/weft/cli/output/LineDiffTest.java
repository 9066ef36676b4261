package io.weft.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineDiffTest {
  @Test
  void equalTextsHaveNoDiff() {
    assertThat(LineDiff.unified("a", "b", "x\ny\n", "x\ny\n")).isEmpty();
  }

  @Test
  void changedLineShowsRemovalThenAdditionWithContext() {
    String from = "kind: VirtualNetwork\nmetadata:\n  name: red\nspec:\n  subnets:\n  - cidr: 10.1.1.0/24\n";
    String to = "kind: VirtualNetwork\nmetadata:\n  name: red\nspec:\n  subnets:\n  - cidr: 10.1.2.0/24\n";

    assertThat(LineDiff.unified("red (live)", "red (file)", from, to)).isEqualTo("""
        --- red (live)
        +++ red (file)
        @@ -3,4 +3,4 @@
           name: red
         spec:
           subnets:
        -  - cidr: 10.1.1.0/24
        +  - cidr: 10.1.2.0/24
        """);
  }

  @Test
  void addedLinesAtTheEnd() {
    assertThat(LineDiff.unified("a", "b", "x\n", "x\ny\nz\n")).isEqualTo("""
        --- a
        +++ b
        @@ -1 +1,3 @@
         x
        +y
        +z
        """);
  }

  @Test
  void distantChangesMakeSeparateHunks() {
    String from = IntStream.rangeClosed(1, 20).mapToObj(i -> "line" + i).collect(Collectors.joining("\n", "", "\n"));
    String to = from.replace("line2\n", "line2 changed\n").replace("line19\n", "line19 changed\n");

    String diff = LineDiff.unified("a", "b", from, to);

    assertThat(diff.lines().filter(l -> l.startsWith("@@"))).containsExactly("@@ -1,5 +1,5 @@", "@@ -16,5 +16,5 @@");
    assertThat(diff).contains("-line2\n+line2 changed\n", "-line19\n+line19 changed\n").doesNotContain(" line10\n");
  }
}
