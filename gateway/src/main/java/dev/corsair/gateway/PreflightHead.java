package dev.corsair.gateway;

import java.nio.charset.StandardCharsets;

/**
 * The CORS fields of a request head that is a plain preflight, read straight from its bytes for
 * {@link PreflightShortcut}. {@link #parse} accepts only a strictly well-formed head (RFC 9112 with
 * nothing optional): {@code OPTIONS}, an origin-form target of RFC 3986 characters, {@code
 * HTTP/1.1}, token names, visible-ASCII values, CRLF line ends, no body, no {@code Expect} or
 * {@code Upgrade}, no repeated CORS field, a connection that stays open, and nothing after the
 * head. Anything else returns null and goes through Netty's decoder as before, so the shortcut
 * never decides differently.
 *
 * @param target the request target, as sent
 * @param origin the {@code Origin} value, or null
 * @param requestMethod the {@code Access-Control-Request-Method} value, or null
 * @param requestHeaders the {@code Access-Control-Request-Headers} value, or null
 * @param privateNetwork the {@code Access-Control-Request-Private-Network} value, or null
 */
record PreflightHead(
    String target,
    String origin,
    String requestMethod,
    String requestHeaders,
    String privateNetwork) {

  private static final byte[] START = "OPTIONS /".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERSION = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);

  /** The fields read, lower case, in the order of the record's components after the target. */
  private static final String[] READ = {
    "origin",
    "access-control-request-method",
    "access-control-request-headers",
    "access-control-request-private-network"
  };

  private static final String CONNECTION = "connection";
  private static final String[] REFUSED = {
    "content-length", "transfer-encoding", "expect", "upgrade"
  };

  /**
   * The preflight fields of the head in {@code b[0, len)}, or null unless those bytes are exactly
   * one complete head of the plain form described above.
   */
  static PreflightHead parse(byte[] b, int len) {
    if (len < START.length + VERSION.length + 2
        || !regionIs(b, 0, START)
        || b[len - 4] != '\r'
        || b[len - 3] != '\n'
        || b[len - 2] != '\r'
        || b[len - 1] != '\n') {
      return null;
    }
    int i = START.length;
    while (i < len && HttpChars.isTargetChar(b[i])) {
      i++;
    }
    if (i + VERSION.length > len || !regionIs(b, i, VERSION)) {
      return null;
    }
    String target = ascii(b, START.length - 1, i);
    i += VERSION.length;
    String[] values = new String[READ.length];
    while (b[i] != '\r') { // the head ends with CRLF CRLF (checked above), so this stops
      int name = i;
      while (i < len && HttpChars.isTchar(b[i])) {
        i++;
      }
      if (i == name || i >= len || b[i] != ':') {
        return null;
      }
      int nameEnd = i++;
      while (b[i] == ' ' || b[i] == '\t') {
        i++;
      }
      int value = i;
      while ((b[i] >= 0x20 && b[i] < 0x7f) || b[i] == '\t') {
        i++;
      }
      if (b[i] != '\r' || b[i + 1] != '\n') {
        return null; // a control character, a byte above 0x7e, or a bare CR
      }
      int valueEnd = i;
      while (valueEnd > value && (b[valueEnd - 1] == ' ' || b[valueEnd - 1] == '\t')) {
        valueEnd--;
      }
      i += 2;
      int field = field(b, name, nameEnd);
      if (field >= 0) {
        if (values[field] != null) {
          return null; // the engine joins repeated lines; the decoder's path does that
        }
        values[field] = ascii(b, value, valueEnd);
      } else if (nameIs(b, name, nameEnd, CONNECTION)) {
        if (!valueIs(b, value, valueEnd, "keep-alive")) {
          return null;
        }
      } else {
        for (String refused : REFUSED) {
          if (nameIs(b, name, nameEnd, refused)) {
            return null;
          }
        }
      }
    }
    if (i + 2 != len || b[i + 1] != '\n') {
      return null;
    }
    return new PreflightHead(target, values[0], values[1], values[2], values[3]);
  }

  /** The index in {@link #READ} of the name {@code b[from, to)}, or -1. */
  private static int field(byte[] b, int from, int to) {
    for (int k = 0; k < READ.length; k++) {
      if (nameIs(b, from, to, READ[k])) {
        return k;
      }
    }
    return -1;
  }

  /** Whether the bytes end a request head: the last four are CR LF CR LF. */
  static boolean endsHead(io.netty.buffer.ByteBuf buf) {
    int end = buf.writerIndex();
    return end - buf.readerIndex() >= 4 && buf.getInt(end - 4) == 0x0d0a0d0a;
  }

  private static boolean regionIs(byte[] b, int at, byte[] expected) {
    for (int k = 0; k < expected.length; k++) {
      if (b[at + k] != expected[k]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code b[from, to)} is {@code lower} in any case (a header name). */
  private static boolean nameIs(byte[] b, int from, int to, String lower) {
    if (to - from != lower.length()) {
      return false;
    }
    for (int k = 0; k < lower.length(); k++) {
      int c = b[from + k];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lower.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean valueIs(byte[] b, int from, int to, String lower) {
    return nameIs(b, from, to, lower);
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
