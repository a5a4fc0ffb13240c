package dev.corsair.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Raw HTTP/1.1 over a socket, for requests java.net.http refuses to send (bad input, hop-by-hop).
 */
final class Raw {
  private Raw() {}

  /** Sends {@code request} as is and returns what came back until the server closed (or 5 s). */
  static String exchange(URI base, String request) throws IOException {
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          out.write(buf, 0, n);
          if (complete(out.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (java.net.SocketTimeoutException e) {
        // return what arrived
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Reads one message head byte by byte, up to and including its empty line, so that nothing after
   * it is consumed; returns what arrived when the stream ends first.
   */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Whether a response with a Content-Length has fully arrived. */
  private static boolean complete(String r) {
    int end = r.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = r.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    int i = head.indexOf("content-length:");
    if (i < 0) {
      return false;
    }
    int eol = head.indexOf("\r\n", i);
    long len = Long.parseLong(head.substring(i + 15, eol < 0 ? head.length() : eol).trim());
    return r.length() - end - 4 >= len;
  }

  static int status(String response) {
    return response.length() < 12 ? -1 : Integer.parseInt(response.substring(9, 12));
  }
}
