package io.weft.model;

/**
 * The character rules of names and label parts, checked by hand: they run on every field of
 * every request, and a loop over the characters is both clearer and cheaper than a regex.
 */
final class NameSyntax {
  private NameSyntax() {}

  /**
   * True when {@code s} is 1 to {@code max} characters of letters, digits, '-', '_' and '.',
   * starting and ending with a letter or digit.
   */
  static boolean isSegment(CharSequence s, int from, int to, int max) {
    int n = to - from;
    if (n < 1 || n > max) return false;
    if (!isAlnum(s.charAt(from)) || !isAlnum(s.charAt(to - 1))) return false;
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (!isAlnum(c) && c != '-' && c != '_' && c != '.') return false;
    }
    return true;
  }

  /** A label key's DNS-like prefix: 1 to 253 of lower-case letters, digits, '.' and '-'. */
  static boolean isPrefix(CharSequence s, int from, int to) {
    int n = to - from;
    if (n < 1 || n > 253) return false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '.' && c != '-') return false;
    }
    return true;
  }

  static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
