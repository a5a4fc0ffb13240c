package dev.corsair;

/** Merges {@code Vary} header values without duplicating a field name. */
public final class Vary {
  private Vary() {}

  /**
   * Returns {@code existing} with every field name of {@code add} that it lacks appended, compared
   * case-insensitively. {@code existing} may be null or empty; a {@code *} stays {@code *}.
   */
  public static String merge(String existing, String add) {
    if (add == null || add.isEmpty()) {
      return existing;
    }
    if (existing == null || existing.isBlank()) {
      return add;
    }
    if (existing.trim().equals("*")) {
      return existing;
    }
    StringBuilder out = null;
    int i = 0;
    int n = add.length();
    while (i < n) {
      int comma = add.indexOf(',', i);
      int end = comma < 0 ? n : comma;
      int s = i;
      int e = end;
      while (s < e && add.charAt(s) == ' ') s++;
      while (e > s && add.charAt(e - 1) == ' ') e--;
      if (e > s && !contains(existing, add, s, e)) {
        if (out == null) {
          out = new StringBuilder(existing.length() + add.length() + 2).append(existing);
        }
        out.append(", ").append(add, s, e);
      }
      i = end + 1;
    }
    return out == null ? existing : out.toString();
  }

  /** Whether the comma-separated list {@code list} names {@code name[s..e)}, ignoring case. */
  static boolean contains(String list, String name, int s, int e) {
    int len = e - s;
    int i = 0;
    int n = list.length();
    while (i < n) {
      int comma = list.indexOf(',', i);
      int end = comma < 0 ? n : comma;
      int a = i;
      int b = end;
      while (a < b && (list.charAt(a) == ' ' || list.charAt(a) == '\t')) a++;
      while (b > a && (list.charAt(b - 1) == ' ' || list.charAt(b - 1) == '\t')) b--;
      if (b - a == len && list.regionMatches(true, a, name, s, len)) {
        return true;
      }
      i = end + 1;
    }
    return false;
  }
}
