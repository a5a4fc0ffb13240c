package dev.corsair.gateway;

/** The character classes of HTTP/1.1 that the gateway checks raw bytes against. */
final class HttpChars {
  /** RFC 9110 section 5.6.2 tchar. */
  private static final boolean[] TCHAR = table("!#$%&'*+-.^_`|~");

  /** The characters of an origin-form target (RFC 3986 path and query; '#' and the rest out). */
  private static final boolean[] TARGET = table("-._~%!$&'()*+,;=:@/?");

  private HttpChars() {}

  /** Whether {@code c} (a byte as 0-255, or a char) may be part of a token. */
  static boolean isTchar(int c) {
    return c >= 0 && c < 128 && TCHAR[c];
  }

  /** Whether {@code c} may be part of an origin-form request target. */
  static boolean isTargetChar(int c) {
    return c >= 0 && c < 128 && TARGET[c];
  }

  private static boolean[] table(String symbols) {
    boolean[] t = new boolean[128];
    for (char c = '0'; c <= '9'; c++) t[c] = true;
    for (char c = 'a'; c <= 'z'; c++) t[c] = true;
    for (char c = 'A'; c <= 'Z'; c++) t[c] = true;
    for (char c : symbols.toCharArray()) t[c] = true;
    return t;
  }
}
