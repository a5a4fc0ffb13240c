package dev.corsair.benchmarks;

import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Components;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Context;
import org.eclipse.jetty.server.Request;

/**
 * A lean Jetty 12 core {@link Request} for one scenario: fixed URI and headers, no attributes kept.
 * Anything a CORS handler should not need throws.
 */
final class JettyRequest implements Request {
  private final String method;
  private final HttpFields headers;
  private final HttpURI uri = HttpURI.from("https://api.example.com" + Scenario.PATH);

  JettyRequest(Scenario s) {
    this.method = s.method;
    HttpFields.Mutable h = HttpFields.build();
    String[][] lines = Headers.of(s);
    for (int i = 0; i < lines[0].length; i++) {
      h.add(lines[0][i], lines[1][i]);
    }
    this.headers = h.asImmutable();
  }

  @Override
  public String getId() {
    return "1";
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public HttpFields getHeaders() {
    return headers;
  }

  @Override
  public HttpURI getHttpURI() {
    return uri;
  }

  @Override
  public boolean isSecure() {
    return true;
  }

  @Override
  public long getBeginNanoTime() {
    return 0;
  }

  @Override
  public long getHeadersNanoTime() {
    return 0;
  }

  @Override
  public HttpFields getTrailers() {
    return null;
  }

  @Override
  public boolean consumeAvailable() {
    return true;
  }

  @Override
  public Context getContext() {
    throw new UnsupportedOperationException("getContext");
  }

  @Override
  public Components getComponents() {
    throw new UnsupportedOperationException("getComponents");
  }

  @Override
  public ConnectionMetaData getConnectionMetaData() {
    throw new UnsupportedOperationException("getConnectionMetaData");
  }

  @Override
  public Object getAttribute(String name) {
    return null;
  }

  @Override
  public Object setAttribute(String name, Object value) {
    throw new UnsupportedOperationException("setAttribute");
  }

  @Override
  public Object removeAttribute(String name) {
    return null;
  }

  @Override
  public Set<String> getAttributeNameSet() {
    return Set.of();
  }

  // Not used by CORS handlers.
  @Override
  public org.eclipse.jetty.io.Content.Chunk read() {
    throw new UnsupportedOperationException("read");
  }

  @Override
  public org.eclipse.jetty.server.Session getSession(boolean p0) {
    throw new UnsupportedOperationException("getSession");
  }

  @Override
  public org.eclipse.jetty.server.TunnelSupport getTunnelSupport() {
    throw new UnsupportedOperationException("getTunnelSupport");
  }

  @Override
  public void addFailureListener(java.util.function.Consumer<java.lang.Throwable> p0) {
    throw new UnsupportedOperationException("addFailureListener");
  }

  @Override
  public void addHttpStreamWrapper(
      java.util.function.Function<
              org.eclipse.jetty.server.HttpStream, org.eclipse.jetty.server.HttpStream>
          p0) {
    throw new UnsupportedOperationException("addHttpStreamWrapper");
  }

  @Override
  public void addIdleTimeoutListener(
      java.util.function.Predicate<java.util.concurrent.TimeoutException> p0) {
    throw new UnsupportedOperationException("addIdleTimeoutListener");
  }

  @Override
  public void demand(java.lang.Runnable p0) {
    throw new UnsupportedOperationException("demand");
  }

  @Override
  public void fail(java.lang.Throwable p0) {
    throw new UnsupportedOperationException("fail");
  }
}
