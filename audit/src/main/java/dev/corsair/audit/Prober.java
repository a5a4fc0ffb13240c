package dev.corsair.audit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the probes politely: one at a time, at most {@code rate} per second, at most {@link
 * #MAX_REQUESTS} per target, each with a timeout, never following a redirect, and naming itself in
 * {@code User-Agent}.
 */
final class Prober {
  /**
   * The most requests one audit sends: the baseline and up to 3 same-origin redirects (4), the
   * arbitrary, null, prefix and suffix probes (4), 3 unescaped dots, the http: twin, 18 special
   * characters, a subdomain, 21 third-party origins and one preflight.
   */
  static final int MAX_REQUESTS = 53;

  private final HttpClient client;
  private final Duration timeout;
  private final long intervalNanos;
  private final String userAgent;
  private long nextSendNanos;
  private int sent;

  Prober(double ratePerSecond, Duration timeout, String userAgent) {
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
    this.timeout = timeout;
    this.intervalNanos = (long) (1_000_000_000L / ratePerSecond);
    this.userAgent = userAgent;
    this.nextSendNanos = System.nanoTime();
  }

  /** How many requests were sent so far. */
  int sent() {
    return sent;
  }

  /**
   * Sends one request with the given headers (Origin, Access-Control-Request-*) and no body.
   *
   * @throws IOException when the target cannot be reached or does not answer in time
   */
  Probe send(String method, URI uri, List<Map.Entry<String, String>> headers) throws IOException {
    if (sent >= MAX_REQUESTS) {
      throw new IllegalStateException("request budget of " + MAX_REQUESTS + " exhausted");
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", userAgent)
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (Map.Entry<String, String> h : headers) {
      b.header(h.getKey(), h.getValue());
    }
    pace();
    sent++;
    // the request timeout covers the response headers; this deadline also covers the body
    CompletableFuture<HttpResponse<Void>> pending =
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.discarding());
    try {
      HttpResponse<Void> r = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Probe(method, uri, headers, r.statusCode(), r.headers().map());
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new HttpTimeoutException("no complete response within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Waits until the rate limit lets the next request go. */
  private void pace() throws IOException {
    long now = System.nanoTime();
    long wait = nextSendNanos - now;
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    nextSendNanos = Math.max(now, nextSendNanos) + intervalNanos;
  }
}
