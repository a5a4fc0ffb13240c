package dev.corsair;

/** Small, allocation-free text predicates of HTTP's grammar (RFC 9110). */
final class Text {
  private Text() {}

  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
    for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
    for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
  }

  static boolean isTchar(char c) {
    return c < 128 && TCHAR[c];
  }

  /** Whether {@code s} is a non-empty HTTP token. */
  static boolean isToken(String s) {
    return s != null && isToken(s, 0, s.length());
  }

  static boolean isToken(String s, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isTchar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Quotes a user-supplied value for a message, escaping anything that is not printable ASCII. */
  static String quote(String s) {
    if (s == null) {
      return "(none)";
    }
    StringBuilder b = new StringBuilder(s.length() + 2).append('\'');
    int limit = Math.min(s.length(), 200);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (s.length() > limit) {
      b.append("...(").append(s.length()).append(" chars)");
    }
    return b.append('\'').toString();
  }

  /** Levenshtein distance, for "did you mean" suggestions on short names. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
