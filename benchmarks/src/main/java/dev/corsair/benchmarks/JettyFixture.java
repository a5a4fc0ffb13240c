package dev.corsair.benchmarks;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty 12's {@link CrossOriginHandler} driven through Jetty's own core API (not the servlet
 * layer), in front of an application handler.
 */
final class JettyFixture extends Fixture {
  private static final ByteBuffer BODY = ByteBuffer.wrap(new byte[] {'h', 'e', 'l', 'l', 'o'});

  private final CrossOriginHandler handler = new CrossOriginHandler();
  private final JettyRequest request;
  private final JettyResponse response;
  private final App app = new App();
  private final Done done = new Done();

  JettyFixture(Scenario s) throws Exception {
    super(s);
    Set<String> origins = new LinkedHashSet<>();
    for (String o : s.origins()) {
      origins.add(o.replace(".", "\\."));
    }
    handler.setAllowedOriginPatterns(origins);
    handler.setAllowedMethods(Set.copyOf(BenchPolicy.METHODS));
    handler.setAllowedHeaders(Set.copyOf(BenchPolicy.HEADERS));
    handler.setExposedHeaders(Set.copyOf(BenchPolicy.EXPOSED));
    handler.setAllowCredentials(true);
    handler.setPreflightMaxAge(Duration.ofSeconds(BenchPolicy.MAX_AGE));
    handler.setHandler(app);
    handler.start();
    request = new JettyRequest(s);
    response = new JettyResponse(request);
  }

  @Override
  int run() throws Exception {
    response.clear();
    app.reached = false;
    done.completed = false;
    if (!handler.handle(request, response, done)) {
      response.setStatus(404);
    }
    return response.getStatus();
  }

  @Override
  public boolean reachedApp() {
    return app.reached;
  }

  @Override
  public int status() {
    return response.getStatus();
  }

  @Override
  public String header(String name) {
    List<String> values = response.getHeaders().getValuesList(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }

  @Override
  public int count(String name) {
    int n = 0;
    for (HttpField f : response.getHeaders()) {
      if (f.is(name)) {
        n++;
      }
    }
    return n;
  }

  /** The application: 200 and a five-byte body. */
  private static final class App extends Handler.Abstract {
    boolean reached;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      reached = true;
      response.setStatus(200);
      response.write(true, BODY.slice(), callback);
      return true;
    }
  }

  /** The request's completion callback. */
  private static final class Done implements Callback {
    boolean completed;

    @Override
    public void succeeded() {
      completed = true;
    }

    @Override
    public void failed(Throwable x) {
      completed = true;
    }
  }
}
