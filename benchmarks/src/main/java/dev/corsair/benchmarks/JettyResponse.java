package dev.corsair.benchmarks;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A lean Jetty 12 core {@link Response}: Jetty's own mutable header fields, cleared between
 * requests, and a body that is only counted.
 */
final class JettyResponse implements Response {
  private final Request request;
  private final HttpFields.Mutable headers = HttpFields.build();
  private int status = 200;
  private boolean committed;
  private long written;

  JettyResponse(Request request) {
    this.request = request;
  }

  void clear() {
    headers.clear();
    status = 200;
    committed = false;
    written = 0;
  }

  @Override
  public Request getRequest() {
    return request;
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void setStatus(int code) {
    if (!committed) {
      status = code;
    }
  }

  @Override
  public HttpFields.Mutable getHeaders() {
    return headers;
  }

  @Override
  public Supplier<HttpFields> getTrailersSupplier() {
    return null;
  }

  @Override
  public void setTrailersSupplier(Supplier<HttpFields> trailers) {
    throw new UnsupportedOperationException("setTrailersSupplier");
  }

  @Override
  public boolean isCommitted() {
    return committed;
  }

  @Override
  public boolean hasLastWrite() {
    return false;
  }

  @Override
  public boolean isCompletedSuccessfully() {
    return false;
  }

  @Override
  public void reset() {
    if (committed) {
      throw new IllegalStateException("committed");
    }
    clear();
  }

  @Override
  public void write(boolean last, ByteBuffer content, Callback callback) {
    committed = true;
    written += content == null ? 0 : content.remaining();
    callback.succeeded();
  }

  // Not used by CORS handlers.
  @Override
  public java.util.concurrent.CompletableFuture<java.lang.Void> writeInterim(
      int p0, org.eclipse.jetty.http.HttpFields p1) {
    throw new UnsupportedOperationException("writeInterim");
  }
}
