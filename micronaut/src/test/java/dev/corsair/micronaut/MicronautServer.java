package dev.corsair.micronaut;

import dev.corsair.testkit.Loopback;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Micronaut (Netty) server on 127.0.0.1 and a free port running the test application named
 * {@code app} (its controllers carry {@code @Requires(property = "test.app", value = app)});
 * closing it stops the server.
 */
final class MicronautServer implements AutoCloseable {
  final EmbeddedServer server;
  final URI base;

  private MicronautServer(EmbeddedServer server) {
    this.server = server;
    this.base = URI.create("http://" + Loopback.HOST + ":" + server.getPort() + "/");
  }

  static MicronautServer start(String app, Map<String, Object> properties, String... environments) {
    Map<String, Object> p = new HashMap<>(properties);
    p.put("test.app", app);
    p.put("micronaut.server.host", Loopback.HOST);
    p.put("micronaut.server.port", -1);
    // Room for the case table's 100 KB hostile header list (Netty's default is 8 KB).
    p.put("micronaut.server.netty.max-header-size", 256 * 1024);
    return new MicronautServer(ApplicationContext.run(EmbeddedServer.class, p, environments));
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
  }
}
