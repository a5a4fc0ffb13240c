package dev.corsair.benchmarks;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * A lean {@link HttpExchange} for one scenario: fixed request line and headers, the JDK's own
 * {@link Headers} for the response (cleared between requests), a body that is only counted.
 */
final class LeanExchange extends HttpExchange {
  private static final InetSocketAddress LOCAL = InetSocketAddress.createUnresolved("api", 443);
  private static final InputStream EMPTY = InputStream.nullInputStream();

  private final String method;
  private final URI uri = URI.create(Scenario.PATH);
  private final Headers requestHeaders = new Headers();
  private final Headers responseHeaders = new Headers();
  private int code = -1;
  private long written;
  private final OutputStream body =
      new OutputStream() {
        @Override
        public void write(int b) {
          written++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
          written += len;
        }
      };

  LeanExchange(Scenario s) {
    this.method = s.method;
    String[][] lines = dev.corsair.benchmarks.Headers.of(s);
    for (int i = 0; i < lines[0].length; i++) {
      requestHeaders.add(lines[0][i], lines[1][i]);
    }
  }

  void clear() {
    responseHeaders.clear();
    code = -1;
    written = 0;
  }

  @Override
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return uri;
  }

  @Override
  public String getRequestMethod() {
    return method;
  }

  @Override
  public HttpContext getHttpContext() {
    throw new UnsupportedOperationException("getHttpContext");
  }

  @Override
  public void close() {}

  @Override
  public InputStream getRequestBody() {
    return EMPTY;
  }

  @Override
  public OutputStream getResponseBody() {
    return body;
  }

  @Override
  public void sendResponseHeaders(int rCode, long responseLength) {
    if (code != -1) {
      throw new IllegalStateException("headers already sent");
    }
    code = rCode;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return LOCAL;
  }

  @Override
  public int getResponseCode() {
    return code;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return LOCAL;
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public Object getAttribute(String name) {
    return null;
  }

  @Override
  public void setAttribute(String name, Object value) {
    throw new UnsupportedOperationException("setAttribute");
  }

  @Override
  public void setStreams(InputStream i, OutputStream o) {
    throw new UnsupportedOperationException("setStreams");
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }
}
