package dev.corsair.check;

import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.Request;
import dev.corsair.check.Http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one HTTP/1.1 request per connection over a plain or TLS socket and reads the status line
 * and header lines exactly as the server wrote them (case, order, repeats and empty values kept);
 * the body is not read. Leaner to start than java.net.http, which matters for a one-shot command.
 */
final class SocketTransport implements Http.Transport {
  /** Header block limit: a response whose headers exceed it is refused. */
  static final int MAX_HEADER_BYTES = 256 * 1024;

  private final int timeoutMillis;

  SocketTransport(Duration timeout) {
    this.timeoutMillis = (int) timeout.toMillis();
  }

  @Override
  public Response send(Request request) throws IOException {
    URI url = request.url();
    boolean tls = url.getScheme().equalsIgnoreCase("https");
    String host = url.getHost();
    String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    int port = url.getPort() != -1 ? url.getPort() : tls ? 443 : 80;
    try (Socket socket = open(bareHost, port, tls)) {
      OutputStream out = socket.getOutputStream();
      out.write(head(request, host, port, tls).getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      while (true) {
        Response r = read(in);
        if (r.status() >= 200 || r.status() == 101) {
          return withBody(r, in, request.method());
        }
      }
    }
  }

  private Socket open(String host, int port, boolean tls) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(host, port), timeoutMillis);
      plain.setSoTimeout(timeoutMillis);
      if (!tls) {
        return plain;
      }
      SSLSocket s =
          (SSLSocket)
              ((SSLSocketFactory) SSLSocketFactory.getDefault())
                  .createSocket(plain, host, port, true);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      if (!host.contains(":") && !host.matches("[0-9.]+")) {
        p.setServerNames(List.of(new SNIHostName(host)));
      }
      p.setApplicationProtocols(new String[] {"http/1.1"});
      s.setSSLParameters(p);
      s.startHandshake();
      return s;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  static String head(Request request, String host, int port, boolean tls) {
    URI url = request.url();
    String target = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      target += "?" + url.getRawQuery();
    }
    StringBuilder b = new StringBuilder();
    b.append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
    b.append("Host: ").append(host.toLowerCase(Locale.ROOT));
    if (port != (tls ? 443 : 80)) {
      b.append(':').append(port);
    }
    b.append("\r\n");
    for (Field f : request.headers()) {
      b.append(f.name()).append(": ").append(f.value()).append("\r\n");
    }
    String m = request.method();
    if (!(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"))) {
      b.append("Content-Length: 0\r\n");
    }
    b.append("User-Agent: corsair-check\r\n");
    b.append("Connection: close\r\n\r\n");
    return b.toString();
  }

  /** Body bytes kept for display (a refusal's text often says which check failed). */
  static final int BODY_PREVIEW = 1024;

  /** Reads the start of the body, when there is one, without waiting on a slow server. */
  private static Response withBody(Response r, InputStream in, String method) {
    if (method.equals("HEAD") || r.status() == 204 || r.status() == 304 || r.status() == 101) {
      return r;
    }
    String length = r.get("Content-Length");
    String encoding = r.get("Transfer-Encoding");
    int limit = BODY_PREVIEW;
    if (length != null) {
      try {
        limit = (int) Math.min(BODY_PREVIEW, Long.parseLong(length.trim()));
      } catch (NumberFormatException e) {
        return r;
      }
    } else if (encoding != null) {
      return r;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buf = new byte[512];
    try {
      while (body.size() < limit) {
        int n = in.read(buf, 0, Math.min(buf.length, limit - body.size()));
        if (n < 0) {
          break;
        }
        body.write(buf, 0, n);
      }
    } catch (IOException e) {
      // the body is only a preview: keep what arrived
    }
    return new Response(r.status(), r.headers(), body.toString(StandardCharsets.UTF_8));
  }

  /** Reads a status line and header lines up to the empty line. */
  static Response read(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new ProtocolException(
            "the server closed the connection before the end of the headers");
      }
      if (++total > MAX_HEADER_BYTES) {
        throw new ProtocolException("response headers over " + MAX_HEADER_BYTES + " bytes");
      }
      if (c == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        if (s.endsWith("\r")) {
          s = s.substring(0, s.length() - 1);
        }
        line.reset();
        if (s.isEmpty()) {
          if (lines.isEmpty()) {
            continue;
          }
          break;
        }
        lines.add(s);
      } else {
        line.write(c);
      }
    }
    String status = lines.get(0);
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new ProtocolException("not an HTTP response: " + status);
    }
    int code;
    try {
      code = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new ProtocolException("not an HTTP status: " + status);
    }
    List<Field> headers = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      if ((l.startsWith(" ") || l.startsWith("\t")) && !headers.isEmpty()) {
        Field last = headers.remove(headers.size() - 1);
        headers.add(new Field(last.name(), (last.value() + " " + l.strip()).strip()));
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      headers.add(
          new Field(
              l.substring(0, colon).strip(), Fetch.trimHttpWhitespace(l.substring(colon + 1))));
    }
    return new Response(code, headers);
  }
}
