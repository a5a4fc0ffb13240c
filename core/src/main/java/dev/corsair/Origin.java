package dev.corsair;

/**
 * A parsed serialized origin ({@code scheme://host[:port]}) as browsers send it in {@code Origin}.
 * Port is -1 when absent. Package-private: the engine parses only on the slow path.
 */
record Origin(String scheme, String host, int port) {

  /** The longest {@code Origin} value considered; longer ones are malformed. */
  static final int MAX_LENGTH = 2048;

  /**
   * Parses {@code value} as a serialized origin, or returns null when it is not one: no scheme, a
   * path, whitespace, control or non-ASCII characters, a bad port, or over 2048 characters. {@code
   * "null"} is not parsed here (it is the opaque origin, handled by the caller).
   */
  static Origin parse(String value) {
    long at = scan(value);
    if (at < 0) {
      return null;
    }
    int schemeEnd = (int) (at & 0xfff);
    int hostEnd = (int) ((at >>> 12) & 0xfff);
    int port = (int) (at >>> 24) - 1;
    return new Origin(value.substring(0, schemeEnd), value.substring(schemeEnd + 3, hostEnd), port);
  }

  /**
   * Whether {@code value} is a serialized origin ({@link #parse} would succeed); allocates nothing.
   */
  static boolean isValid(String value) {
    return scan(value) >= 0;
  }

  /**
   * Checks {@code value} as {@link #parse} does, without allocating: -1 when it is not a serialized
   * origin, else the end of the scheme (bits 0-11), the end of the host (bits 12-23) and the port
   * plus one (bits 24 and up).
   */
  private static long scan(String value) {
    if (value == null) {
      return -1;
    }
    int n = value.length();
    if (n == 0 || n > MAX_LENGTH) {
      return -1;
    }
    int i = 0;
    char c = value.charAt(0);
    if (!isAlpha(c)) {
      return -1;
    }
    while (i < n && isSchemeChar(value.charAt(i))) i++;
    if (i + 3 > n
        || value.charAt(i) != ':'
        || value.charAt(i + 1) != '/'
        || value.charAt(i + 2) != '/') {
      return -1;
    }
    int hostStart = i + 3;
    int hostEnd;
    if (hostStart < n && value.charAt(hostStart) == '[') {
      int close = value.indexOf(']', hostStart);
      if (close < 0 || close == hostStart + 1) {
        return -1;
      }
      for (int k = hostStart + 1; k < close; k++) {
        char h = value.charAt(k);
        if (!(isHex(h) || h == ':' || h == '.')) {
          return -1;
        }
      }
      hostEnd = close + 1;
    } else {
      hostEnd = hostStart;
      while (hostEnd < n && isHostChar(value.charAt(hostEnd))) hostEnd++;
      if (hostEnd == hostStart) {
        return -1;
      }
      if (value.charAt(hostStart) == '.' || value.charAt(hostEnd - 1) == '.') {
        return -1;
      }
    }
    int port = -1;
    if (hostEnd < n) {
      if (value.charAt(hostEnd) != ':') {
        return -1;
      }
      port = parsePort(value, hostEnd + 1, n);
      if (port < 0) {
        return -1;
      }
    }
    return i | ((long) hostEnd << 12) | ((long) (port + 1) << 24);
  }

  /** Parses a decimal port 1..65535 without leading zeros from {@code s[from..to)}, or -1. */
  static int parsePort(String s, int from, int to) {
    int len = to - from;
    if (len < 1 || len > 5 || s.charAt(from) == '0') {
      return -1;
    }
    int p = 0;
    for (int k = from; k < to; k++) {
      char d = s.charAt(k);
      if (d < '0' || d > '9') {
        return -1;
      }
      p = p * 10 + (d - '0');
    }
    return p <= 65535 ? p : -1;
  }

  /** The port a scheme uses when none is written, or -1. */
  static int defaultPort(String scheme) {
    switch (scheme) {
      case "http":
      case "ws":
        return 80;
      case "https":
      case "wss":
        return 443;
      default:
        return -1;
    }
  }

  /**
   * Whether the host is loopback: {@code localhost}, {@code *.localhost}, 127.0.0.0/8, {@code
   * [::1]}.
   */
  static boolean isLoopbackHost(String host) {
    return host.equals("localhost")
        || host.endsWith(".localhost")
        || host.startsWith("127.")
        || host.equals("[::1]");
  }

  String serialize() {
    return port < 0 ? scheme + "://" + host : scheme + "://" + host + ":" + port;
  }

  @Override
  public String toString() {
    return serialize();
  }

  static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isSchemeChar(char c) {
    return isAlpha(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
  }

  static boolean isHostChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || (c >= 'A' && c <= 'Z')
        || c == '-'
        || c == '.'
        || c == '_';
  }

  static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
