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
    if (value == null) {
      return null;
    }
    int n = value.length();
    if (n == 0 || n > MAX_LENGTH) {
      return null;
    }
    int i = 0;
    char c = value.charAt(0);
    if (!isAlpha(c)) {
      return null;
    }
    while (i < n && isSchemeChar(value.charAt(i))) i++;
    if (i + 3 > n
        || value.charAt(i) != ':'
        || value.charAt(i + 1) != '/'
        || value.charAt(i + 2) != '/') {
      return null;
    }
    String scheme = value.substring(0, i);
    int hostStart = i + 3;
    int hostEnd;
    if (hostStart < n && value.charAt(hostStart) == '[') {
      int close = value.indexOf(']', hostStart);
      if (close < 0 || close == hostStart + 1) {
        return null;
      }
      for (int k = hostStart + 1; k < close; k++) {
        char h = value.charAt(k);
        if (!(isHex(h) || h == ':' || h == '.')) {
          return null;
        }
      }
      hostEnd = close + 1;
    } else {
      hostEnd = hostStart;
      while (hostEnd < n && isHostChar(value.charAt(hostEnd))) hostEnd++;
      if (hostEnd == hostStart) {
        return null;
      }
      if (value.charAt(hostStart) == '.' || value.charAt(hostEnd - 1) == '.') {
        return null;
      }
    }
    String host = value.substring(hostStart, hostEnd);
    int port = -1;
    if (hostEnd < n) {
      if (value.charAt(hostEnd) != ':') {
        return null;
      }
      port = parsePort(value, hostEnd + 1, n);
      if (port < 0) {
        return null;
      }
    }
    return new Origin(scheme, host, port);
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
