package dev.corsair.check;

import dev.corsair.check.Http.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Fetch's rules for what a cross-origin request may send without a preflight. */
final class Safelist {
  private Safelist() {}

  /** Per-value limit of a safelisted header, in bytes. */
  static final int VALUE_MAX = 128;

  /** Limit of all safelisted values together, in bytes (Chromium's kSafeListValueSizeMax). */
  static final int TOTAL_MAX = 1024;

  static boolean isSafelistedMethod(String method) {
    return method.equals("GET") || method.equals("HEAD") || method.equals("POST");
  }

  /** The CORS-safelisted request-header test of the Fetch standard (as Chromium implements it). */
  static boolean isSafelistedHeader(String name, String value) {
    if (value.length() > VALUE_MAX) {
      return false;
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "accept":
        return noUnsafeByte(value);
      case "accept-language":
      case "content-language":
        for (int i = 0; i < value.length(); i++) {
          char c = value.charAt(i);
          boolean ok =
              (c >= '0' && c <= '9')
                  || (c >= 'A' && c <= 'Z')
                  || (c >= 'a' && c <= 'z')
                  || " *,-.;=".indexOf(c) >= 0;
          if (!ok) {
            return false;
          }
        }
        return true;
      case "content-type":
        return noUnsafeByte(value) && isSafelistedContentType(value);
      case "range":
        return isSimpleRange(value);
      default:
        return false;
    }
  }

  /** The MIME essence (type/subtype before any parameter) is one of the three form types. */
  static boolean isSafelistedContentType(String value) {
    int semi = value.indexOf(';');
    String essence =
        Fetch.trimHttpWhitespace(semi < 0 ? value : value.substring(0, semi))
            .toLowerCase(Locale.ROOT);
    return essence.equals("application/x-www-form-urlencoded")
        || essence.equals("multipart/form-data")
        || essence.equals("text/plain");
  }

  /** {@code bytes=START-} or {@code bytes=START-END} with START <= END, no whitespace. */
  static boolean isSimpleRange(String value) {
    if (!value.startsWith("bytes=")) {
      return false;
    }
    String r = value.substring("bytes=".length());
    int dash = r.indexOf('-');
    if (dash <= 0 || !digits(r.substring(0, dash))) {
      return false;
    }
    String end = r.substring(dash + 1);
    if (end.isEmpty()) {
      return true;
    }
    if (!digits(end)) {
      return false;
    }
    return new java.math.BigInteger(r.substring(0, dash)).compareTo(new java.math.BigInteger(end))
        <= 0;
  }

  private static boolean digits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean noUnsafeByte(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || "\"():<>?@[\\]{}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The CORS-unsafe request-header names, lower-cased, sorted and unique: what Chromium puts in
   * {@code Access-Control-Request-Headers}. When the safelisted values add up to more than 1024
   * bytes, the safelisted names count as unsafe too.
   */
  static List<String> unsafeNames(List<Field> headers) {
    TreeSet<String> unsafe = new TreeSet<>();
    List<String> safe = new ArrayList<>();
    int total = 0;
    for (Field f : headers) {
      String n = f.name().toLowerCase(Locale.ROOT);
      if (isSafelistedHeader(f.name(), f.value())) {
        safe.add(n);
        total += f.value().length();
      } else {
        unsafe.add(n);
      }
    }
    if (total > TOTAL_MAX) {
      unsafe.addAll(safe);
    }
    return new ArrayList<>(unsafe);
  }
}
