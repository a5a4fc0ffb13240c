package dev.corsair.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * The one JSON writer of corsair's commands and logs: maps (in their iteration order), iterables,
 * strings, numbers, booleans and null, on one line.
 *
 * <p>One escaping rule for every string: {@code "} and {@code \}, every control character (U+0000
 * to U+001F and U+007F) and the line separators U+2028 and U+2029 are escaped, so a line of output
 * is always one JSON document, safe to paste into JavaScript and to read with {@code grep}.
 */
public final class Json {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /**
   * {@code value} as JSON text.
   *
   * @throws IllegalArgumentException for a value of another type, or a number JSON cannot hold
   *     (NaN, infinity)
   */
  public static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value);
    return b.toString();
  }

  /** Appends {@code value} as JSON text; see {@link #write(Object)}. */
  public static void write(StringBuilder b, Object value) {
    if (value == null) {
      b.append("null");
    } else if (value instanceof CharSequence) {
      quote(b, value.toString());
    } else if (value instanceof Boolean) {
      b.append(value);
    } else if (value instanceof Number) {
      number(b, (Number) value);
    } else if (value instanceof Map) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          b.append(',');
        }
        first = false;
        quote(b, String.valueOf(e.getKey()));
        b.append(':');
        write(b, e.getValue());
      }
      b.append('}');
    } else if (value instanceof Iterable) {
      b.append('[');
      boolean first = true;
      for (Object o : (Iterable<?>) value) {
        if (!first) {
          b.append(',');
        }
        first = false;
        write(b, o);
      }
      b.append(']');
    } else {
      throw new IllegalArgumentException(
          "not a JSON value: a " + value.getClass().getName() + " (use a map, list or string)");
    }
  }

  private static void number(StringBuilder b, Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("not a JSON number: " + d);
      }
      b.append(n);
    } else if (n instanceof Integer
        || n instanceof Long
        || n instanceof Short
        || n instanceof Byte
        || n instanceof BigInteger
        || n instanceof BigDecimal) {
      b.append(n);
    } else {
      throw new IllegalArgumentException("not a JSON number: a " + n.getClass().getName());
    }
  }

  /** {@code s} as a JSON string literal, quotes included; {@code null} for null. */
  public static String quote(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(s.length() + 2);
    quote(b, s);
    return b.toString();
  }

  /** Appends {@code s} as a JSON string literal, quotes included; {@code null} for null. */
  public static void quote(StringBuilder b, String s) {
    if (s == null) {
      b.append("null");
      return;
    }
    b.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && c != 0x2028 && c != 0x2029) {
        continue;
      }
      b.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          b.append("\\u")
              .append(HEX[c >> 12])
              .append(HEX[(c >> 8) & 0xf])
              .append(HEX[(c >> 4) & 0xf])
              .append(HEX[c & 0xf]);
      }
    }
    if (start == 0) {
      b.append(s); // nothing escaped: one bulk copy
    } else {
      b.append(s, start, s.length());
    }
    b.append('"');
  }
}
