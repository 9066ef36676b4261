package io.weft.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by lines (longest common subsequence), with hunks of
 * {@value #CONTEXT} lines of context as {@code diff -u} prints them. Resources are a few
 * dozen lines, so the quadratic table is cheap.
 */
public final class LineDiff {
  static final int CONTEXT = 3;

  private LineDiff() {}

  /** The hunks after the {@code ---}/{@code +++} header; empty when the texts are equal. */
  public static String unified(String fromLabel, String toLabel, String from, String to) {
    List<String> a = from.lines().toList();
    List<String> b = to.lines().toList();
    List<Edit> edits = edits(a, b);
    if (edits.stream().allMatch(e -> e.op == ' ')) return "";
    StringBuilder sb = new StringBuilder();
    sb.append("--- ").append(fromLabel).append('\n');
    sb.append("+++ ").append(toLabel).append('\n');
    int i = 0;
    while (i < edits.size()) {
      if (edits.get(i).op == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      // One hunk holds every change closer than two contexts to the previous one.
      int lastChange = i;
      for (int j = i; j < edits.size() && j - lastChange <= 2 * CONTEXT; j++) {
        if (edits.get(j).op != ' ') lastChange = j;
      }
      int end = Math.min(edits.size() - 1, lastChange + CONTEXT);
      hunk(sb, edits, start, end);
      i = end + 1;
    }
    return sb.toString();
  }

  private static void hunk(StringBuilder sb, List<Edit> edits, int start, int end) {
    int aStart = edits.get(start).aLine;
    int bStart = edits.get(start).bLine;
    int aCount = 0;
    int bCount = 0;
    for (int k = start; k <= end; k++) {
      if (edits.get(k).op != '+') aCount++;
      if (edits.get(k).op != '-') bCount++;
    }
    sb.append("@@ -").append(range(aStart, aCount)).append(" +").append(range(bStart, bCount)).append(" @@\n");
    for (int k = start; k <= end; k++) sb.append(edits.get(k).op).append(edits.get(k).text).append('\n');
  }

  /** diff -u numbers from 1 and names the line before an empty range. */
  private static String range(int firstIndex, int count) {
    int first = count == 0 ? firstIndex : firstIndex + 1;
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }

  private static List<Edit> edits(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int x = n - 1; x >= 0; x--) {
      for (int y = m - 1; y >= 0; y--) {
        lcs[x][y] = a.get(x).equals(b.get(y)) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
      }
    }
    List<Edit> out = new ArrayList<>();
    int x = 0;
    int y = 0;
    while (x < n || y < m) {
      if (x < n && y < m && a.get(x).equals(b.get(y))) {
        out.add(new Edit(' ', a.get(x), x++, y++));
      } else if (x < n && (y == m || lcs[x + 1][y] >= lcs[x][y + 1])) {
        out.add(new Edit('-', a.get(x), x++, y));
      } else {
        out.add(new Edit('+', b.get(y), x, y++));
      }
    }
    return out;
  }

  /** One line of the edit script; {@code aLine}/{@code bLine} are the 0-based positions before it. */
  private record Edit(char op, String text, int aLine, int bLine) {}
}
