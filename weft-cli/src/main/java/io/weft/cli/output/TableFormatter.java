package io.weft.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Plain text columns as kubectl prints them: upper-case headers, left-aligned cells, three
 * spaces between columns, no trailing blanks. An empty cell prints as {@code <none>} so
 * the columns stay parseable by awk.
 */
public final class TableFormatter {
  static final String EMPTY = "<none>";
  private static final String GAP = "   ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public TableFormatter(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  public TableFormatter row(List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size() + " columns");
    }
    List<String> clean = new ArrayList<>(cells.size());
    for (String c : cells) clean.add(c == null || c.isBlank() ? EMPTY : c.replace('\n', ' '));
    rows.add(clean);
    return this;
  }

  public String render() {
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) widths[i] = headers.get(i).length();
    for (List<String> r : rows) {
      for (int i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i], r.get(i).length());
    }
    StringBuilder sb = new StringBuilder();
    line(sb, headers, widths);
    for (List<String> r : rows) line(sb, r, widths);
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] widths) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) l.append(GAP);
      l.append(cells.get(i));
      if (i < cells.size() - 1) l.append(" ".repeat(widths[i] - cells.get(i).length()));
    }
    sb.append(l.toString().stripTrailing()).append('\n');
  }
}
