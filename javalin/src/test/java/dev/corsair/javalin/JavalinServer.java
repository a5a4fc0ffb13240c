package dev.corsair.javalin;

import dev.corsair.testkit.Loopback;
import dev.corsair.testkit.TestApp;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.function.Consumer;

/** A real Javalin (Jetty) server on 127.0.0.1 and a free port; closing it stops the server. */
final class JavalinServer implements AutoCloseable {
  final Javalin app;
  final URI base;

  private JavalinServer(Javalin app) {
    this.app = app;
    this.base = URI.create("http://" + Loopback.HOST + ":" + app.port() + "/");
  }

  /** Starts an application that {@code config} sets up (plugins, routes). */
  static JavalinServer start(Consumer<JavalinConfig> config) {
    Javalin app =
        Javalin.create(
            c -> {
              c.startup.showJavalinBanner = false;
              c.startup.showOldJavalinVersionWarning = false;
              // Room for the case table's 100 KB hostile header list (Jetty's default is 8 KB,
              // past which it answers 431 before any handler runs).
              c.jetty.modifyHttpConfiguration(h -> h.setRequestHeaderSize(256 * 1024));
              config.accept(c);
            });
    return new JavalinServer(app.start(Loopback.HOST, 0));
  }

  /** The shared case table's application: any method, any path. */
  static void testApp(Context ctx) {
    ctx.status(TestApp.STATUS)
        .header(TestApp.MARKER, TestApp.MARKER_VALUE)
        .header("Vary", TestApp.VARY)
        .result(TestApp.BODY);
  }

  @Override
  public void close() {
    app.stop();
  }
}
