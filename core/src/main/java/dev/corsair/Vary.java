package dev.corsair;

/** Merges {@code Vary} header values without duplicating a field name. */
final class Vary {
  private Vary() {}

  /**
   * Returns {@code existing} with every field name of {@code add} that it lacks appended, compared
   * case-insensitively. {@code existing} may be null or empty; a {@code *} stays {@code *}.
   */
  static String merge(String existing, String add) {
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

  /**
   * {@code list} with every field name after its first occurrence dropped (compared
   * case-insensitively); {@code list} itself when no name repeats.
   */
  static String distinct(String list) {
    if (list == null || list.indexOf(',') < 0) {
      return list;
    }
    StringBuilder out = new StringBuilder(list.length());
    boolean repeated = false;
    int i = 0;
    int n = list.length();
    while (i < n) {
      int comma = list.indexOf(',', i);
      int end = comma < 0 ? n : comma;
      int s = i;
      int e = end;
      while (s < e && (list.charAt(s) == ' ' || list.charAt(s) == '\t')) s++;
      while (e > s && (list.charAt(e - 1) == ' ' || list.charAt(e - 1) == '\t')) e--;
      if (e > s) {
        if (contains(out, list, s, e)) {
          repeated = true;
        } else {
          out.append(out.length() == 0 ? "" : ", ").append(list, s, e);
        }
      }
      i = end + 1;
    }
    return repeated ? out.toString() : list;
  }

  /** Whether the comma-separated list {@code list} names {@code name[s..e)}, ignoring case. */
  static boolean contains(CharSequence list, String name, int s, int e) {
    int len = e - s;
    int i = 0;
    int n = list.length();
    while (i < n) {
      int end = i;
      while (end < n && list.charAt(end) != ',') end++;
      int a = i;
      int b = end;
      while (a < b && (list.charAt(a) == ' ' || list.charAt(a) == '\t')) a++;
      while (b > a && (list.charAt(b - 1) == ' ' || list.charAt(b - 1) == '\t')) b--;
      if (b - a == len && sameIgnoringCase(list, a, name, s, len)) {
        return true;
      }
      i = end + 1;
    }
    return false;
  }

  private static boolean sameIgnoringCase(CharSequence a, int from, String b, int s, int len) {
    for (int k = 0; k < len; k++) {
      char x = a.charAt(from + k);
      char y = b.charAt(s + k);
      if (x != y && Character.toLowerCase(x) != Character.toLowerCase(y)) {
        return false;
      }
    }
    return true;
  }
}
