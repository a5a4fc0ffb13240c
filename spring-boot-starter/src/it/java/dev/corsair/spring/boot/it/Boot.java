package dev.corsair.spring.boot.it;

import dev.corsair.testkit.Loopback;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * A real Spring Boot application on a free loopback port, servlet (Tomcat) or reactive (Reactor
 * Netty), with or without Spring Security, configured by properties and {@code CORS_*} "environment
 * variables" (a property source Boot reads exactly as it reads the process environment: relaxed
 * binding included). Close it to stop it.
 */
final class Boot implements AutoCloseable {
  /** The web stacks the starter supports. */
  enum Stack {
    SERVLET(WebApplicationType.SERVLET),
    REACTIVE(WebApplicationType.REACTIVE);

    final WebApplicationType type;

    Stack(WebApplicationType type) {
      this.type = type;
    }
  }

  /** What differs between the Boot versions (src/test/resources/corsair-it.properties). */
  static final Properties VERSION = load();

  final ConfigurableApplicationContext context;
  final URI base;

  private Boot(ConfigurableApplicationContext context) {
    this.context = context;
    this.base =
        URI.create(
            "http://"
                + Loopback.HOST
                + ":"
                + context.getEnvironment().getProperty("local.server.port"));
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = Boot.class.getResourceAsStream("/corsair-it.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** The arguments every application gets, as {@code --name=value}. */
  static List<String> arguments(Stack stack, boolean security, Map<String, String> properties) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("server.port", "0");
    all.put("server.address", Loopback.HOST);
    all.put("spring.main.banner-mode", "off");
    all.put("spring.main.web-application-type", stack.type.name().toLowerCase());
    // The case table sends a 100 KB Access-Control-Request-Headers, which must reach corsair.
    all.put("server.max-http-request-header-size", "256KB");
    all.put("server.error.include-message", "always");
    if (!security) {
      all.put("spring.autoconfigure.exclude", VERSION.getProperty("no-security"));
    }
    all.putAll(properties);
    List<String> args = new ArrayList<>();
    all.forEach((k, v) -> args.add("--" + k + "=" + v));
    return args;
  }

  static Boot start(
      Stack stack,
      Class<?> application,
      boolean security,
      Map<String, String> properties,
      Map<String, String> environment) {
    Map<String, Object> env = new LinkedHashMap<>(environment);
    SpringApplicationBuilder b =
        new SpringApplicationBuilder(application)
            .web(stack.type)
            .initializers(
                ctx ->
                    ctx.getEnvironment()
                        .getPropertySources()
                        .addLast(
                            new SystemEnvironmentPropertySource(
                                "corsair-it-systemEnvironment", env)));
    return new Boot(b.run(arguments(stack, security, properties).toArray(new String[0])));
  }

  @Override
  public void close() {
    context.close();
  }
}
