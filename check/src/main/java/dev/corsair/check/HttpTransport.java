package dev.corsair.check;

import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.Request;
import dev.corsair.check.Http.Response;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends the model's requests over real HTTP/HTTPS with java.net.http, never following redirects.
 */
final class HttpTransport implements Http.Transport {
  private final HttpClient client;
  private final Duration timeout;

  HttpTransport(Duration timeout) {
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
  }

  @Override
  public Response send(Request request) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(request.url())
            .timeout(timeout)
            .method(request.method(), HttpRequest.BodyPublishers.noBody());
    for (Field f : request.headers()) {
      b.header(f.name(), f.value());
    }
    try {
      HttpResponse<Void> r = client.send(b.build(), HttpResponse.BodyHandlers.discarding());
      List<Field> headers = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : r.headers().map().entrySet()) {
        if (e.getKey().startsWith(":")) {
          continue;
        }
        for (String v : e.getValue()) {
          headers.add(new Field(e.getKey(), v));
        }
      }
      return new Response(r.statusCode(), headers);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }
}
