package dev.corsair.benchmarks.frameworks;

import dev.corsair.CorsPolicy;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One server of the framework benchmark: {@code BenchServer FRAMEWORK VARIANT PORT}, FRAMEWORK
 * {@code vertx}, {@code javalin} or {@code micronaut}, VARIANT {@code corsair} (corsair's adapter),
 * {@code native} (the framework's own CORS handler) or {@code none} (no CORS: the application
 * answers {@code OPTIONS} itself). Every variant serves {@code GET} and {@code PUT /api/items} with
 * a five-byte body (Micronaut's own CORS refuses a preflight for a method without a route); both
 * CORS variants allow the same origin, methods, header and max-age. Runs until killed.
 */
public final class BenchServer {
  static final String ORIGIN = "https://app.example.com";
  static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
  static final String BODY = "hello";

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: BenchServer vertx|javalin|micronaut corsair|native|none PORT");
      System.exit(2);
    }
    String variant = args[1];
    int port = Integer.parseInt(args[2]);
    if (!List.of("corsair", "native", "none").contains(variant)) {
      throw new IllegalArgumentException("unknown variant " + variant);
    }
    switch (args[0]) {
      case "vertx" -> vertx(variant, port);
      case "javalin" -> javalin(variant, port);
      case "micronaut" -> micronaut(variant, port);
      default -> throw new IllegalArgumentException("unknown framework " + args[0]);
    }
    System.out.println("listening on 127.0.0.1:" + port);
  }

  static CorsPolicy policy() {
    return CorsPolicy.builder()
        .allowedOrigins(ORIGIN)
        .allowedMethods(METHODS.toArray(String[]::new))
        .allowedHeaders("Content-Type")
        .maxAge(600)
        .build();
  }

  static void vertx(String variant, int port) throws Exception {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    if (variant.equals("corsair")) {
      router.route().handler(dev.corsair.vertx.CorsHandler.of(policy()));
    } else if (variant.equals("native")) {
      Set<HttpMethod> methods = new java.util.HashSet<>();
      METHODS.forEach(m -> methods.add(HttpMethod.valueOf(m)));
      router
          .route()
          .handler(
              io.vertx.ext.web.handler.CorsHandler.create()
                  .addOrigin(ORIGIN)
                  .allowedMethods(methods)
                  .allowedHeader("Content-Type")
                  .maxAgeSeconds(600));
    }
    router.get("/api/items").handler(ctx -> ctx.response().end(BODY));
    router.put("/api/items").handler(ctx -> ctx.response().end(BODY));
    router.options("/api/items").handler(ctx -> ctx.response().setStatusCode(204).end());
    vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  static void javalin(String variant, int port) {
    io.javalin.Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              if (variant.equals("corsair")) {
                config.registerPlugin(new dev.corsair.javalin.CorsairPlugin(policy()));
              } else if (variant.equals("native")) {
                config.bundledPlugins.enableCors(
                    cors ->
                        cors.addRule(
                            rule -> {
                              rule.allowHost(ORIGIN);
                              rule.maxAge = 600;
                            }));
              }
              config.routes.get("/api/items", ctx -> ctx.result(BODY));
              config.routes.put("/api/items", ctx -> ctx.result(BODY));
              if (variant.equals("none")) {
                config.routes.addEndpoint(
                    new io.javalin.router.Endpoint(
                        io.javalin.http.HandlerType.OPTIONS, "/api/items", ctx -> ctx.status(204)));
              }
            })
        .start("127.0.0.1", port);
  }

  static void micronaut(String variant, int port) {
    Map<String, Object> p = new HashMap<>();
    p.put("micronaut.server.host", "127.0.0.1");
    p.put("micronaut.server.port", port);
    p.put("bench.variant", variant);
    // Without it Micronaut answers 403 to any cross-origin request to a server on localhost.
    p.put("micronaut.server.cors.localhost-pass-through", true);
    if (variant.equals("corsair")) {
      p.put("cors.allowed-origins", ORIGIN);
      p.put("cors.allowed-methods", String.join(",", METHODS));
      p.put("cors.allowed-headers", "Content-Type");
      p.put("cors.max-age", 600);
    } else if (variant.equals("native")) {
      String c = "micronaut.server.cors.";
      p.put(c + "enabled", true);
      p.put(c + "configurations.web.allowed-origins", List.of(ORIGIN));
      p.put(c + "configurations.web.allowed-methods", METHODS);
      p.put(c + "configurations.web.allowed-headers", List.of("Content-Type"));
      p.put(c + "configurations.web.max-age", 600);
    }
    ApplicationContext.run(EmbeddedServer.class, p);
  }
}
