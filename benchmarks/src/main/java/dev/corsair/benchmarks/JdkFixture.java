package dev.corsair.benchmarks;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A JDK {@code HttpServer} filter with the lean exchange of one scenario. As the JDK server does,
 * each request gets a new {@link Filter.Chain}.
 */
final class JdkFixture extends Fixture {
  private static final byte[] BODY = {'h', 'e', 'l', 'l', 'o'};

  private final List<Filter> filters;
  private final LeanExchange exchange;
  private final App app = new App();

  JdkFixture(JdkFilters which, Scenario s) {
    super(s);
    this.filters = List.of(which.create(s));
    this.exchange = new LeanExchange(s);
  }

  @Override
  int run() throws IOException {
    exchange.clear();
    app.reached = false;
    new Filter.Chain(filters, app).doFilter(exchange);
    return exchange.getResponseCode();
  }

  @Override
  public boolean reachedApp() {
    return app.reached;
  }

  @Override
  public int status() {
    return exchange.getResponseCode();
  }

  @Override
  public String header(String name) {
    List<String> v = exchange.getResponseHeaders().get(name);
    return v == null || v.isEmpty() ? null : String.join(", ", v);
  }

  @Override
  public int count(String name) {
    List<String> v = exchange.getResponseHeaders().get(name);
    return v == null ? 0 : v.size();
  }

  /** The application: 200 and a five-byte body. */
  private static final class App implements HttpHandler {
    boolean reached;

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      reached = true;
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
    }
  }
}
