package dev.corsair;

import java.util.Collection;
import java.util.Locale;

/**
 * A fixed set of header names looked up case-insensitively by a region of a string, without
 * allocating: open addressing over an ASCII case-folded hash.
 */
final class HeaderNameSet {
  private final String[] table;
  private final int mask;
  private final int size;

  HeaderNameSet(Collection<String> names) {
    int cap = Integer.highestOneBit(Math.max(4, names.size() * 4 - 1)) << 1;
    table = new String[cap];
    mask = cap - 1;
    int n = 0;
    for (String raw : names) {
      String name = raw.toLowerCase(Locale.ROOT);
      int i = hash(name, 0, name.length()) & mask;
      while (table[i] != null && !table[i].equals(name)) i = (i + 1) & mask;
      if (table[i] == null) {
        table[i] = name;
        n++;
      }
    }
    size = n;
  }

  int size() {
    return size;
  }

  /** Whether {@code s[from..to)} names a member, ignoring ASCII case. */
  boolean contains(String s, int from, int to) {
    int len = to - from;
    int i = hash(s, from, to) & mask;
    String t;
    while ((t = table[i]) != null) {
      if (t.length() == len && t.regionMatches(true, 0, s, from, len)) {
        return true;
      }
      i = (i + 1) & mask;
    }
    return false;
  }

  private static int hash(String s, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c >= 'A' && c <= 'Z') c += 32;
      h = 31 * h + c;
    }
    return h ^ (h >>> 16);
  }
}
