package dev.corsair.vertx;

import dev.corsair.testkit.Loopback;
import dev.corsair.testkit.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A real Vert.x Web server on 127.0.0.1 and a free port; closing it stops Vert.x. */
final class VertxServer implements AutoCloseable {
  final Vertx vertx;
  final URI base;

  private VertxServer(Vertx vertx, URI base) {
    this.vertx = vertx;
    this.base = base;
  }

  /** Starts a server whose router {@code routes} sets up. */
  static VertxServer start(Consumer<Router> routes) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      routes.accept(router);
      HttpServer server =
          vertx
              // Room for the case table's 100 KB hostile header list (Vert.x's default is 8 KB,
              // past which it answers 431 before any handler runs).
              .createHttpServer(new HttpServerOptions().setMaxHeaderSize(256 * 1024))
              .requestHandler(router)
              .listen(0, Loopback.HOST)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new VertxServer(
          vertx, URI.create("http://" + Loopback.HOST + ":" + server.actualPort() + "/"));
    } catch (Exception | Error e) {
      vertx.close();
      throw e;
    }
  }

  /** The shared case table's application: any method, any path. */
  static void testApp(RoutingContext ctx) {
    ctx.response()
        .setStatusCode(TestApp.STATUS)
        .putHeader(TestApp.MARKER, TestApp.MARKER_VALUE)
        .putHeader("Vary", TestApp.VARY)
        .end(TestApp.BODY);
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Vert.x did not stop", e);
    }
  }
}
