package dev.corsair.check;

import java.util.Locale;

/**
 * An approximation of Chromium's {@code GURL::is_valid()} for Access-Control-Allow-Origin values:
 * it only decides between "invalid value" and "not equal" in the error message.
 */
final class Gurl {
  private Gurl() {}

  static boolean isValid(String s) {
    if (!isUtf8(s)) {
      return false; // the header's bytes are not UTF-8: GURL refuses them (verified in Chromium
      // 156)
    }
    int colon = s.indexOf(':');
    if (colon <= 0 || !Character.isLetter(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < colon; i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return false;
      }
    }
    String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
    boolean special =
        scheme.equals("http")
            || scheme.equals("https")
            || scheme.equals("ws")
            || scheme.equals("wss")
            || scheme.equals("ftp");
    if (!special) {
      return true;
    }
    String rest = s.substring(colon + 1);
    int i = 0;
    while (i < rest.length() && (rest.charAt(i) == '/' || rest.charAt(i) == '\\')) {
      i++;
    }
    int end = i;
    while (end < rest.length() && "/\\?#".indexOf(rest.charAt(end)) < 0) {
      end++;
    }
    String authority = rest.substring(i, end);
    int at = authority.lastIndexOf('@');
    String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
    String host = hostPort;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        return false;
      }
      host = hostPort.substring(0, close + 1);
      String port = hostPort.substring(close + 1);
      return port.isEmpty() || (port.startsWith(":") && validPort(port.substring(1)));
    }
    int portColon = hostPort.lastIndexOf(':');
    if (portColon >= 0) {
      host = hostPort.substring(0, portColon);
      if (!validPort(hostPort.substring(portColon + 1))) {
        return false;
      }
    }
    if (host.isEmpty()) {
      return false;
    }
    for (int k = 0; k < host.length(); k++) {
      char c = host.charAt(k);
      if (c <= 0x20 || "#%/:<>?@[\\]^|".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the value's bytes (one char per byte, as read off the wire) are valid UTF-8. */
  static boolean isUtf8(String s) {
    byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    try {
      java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static boolean validPort(String p) {
    if (p.isEmpty()) {
      return true;
    }
    if (p.length() > 5) {
      return false;
    }
    for (int i = 0; i < p.length(); i++) {
      if (!Character.isDigit(p.charAt(i))) {
        return false;
      }
    }
    return Integer.parseInt(p) <= 65535;
  }
}
