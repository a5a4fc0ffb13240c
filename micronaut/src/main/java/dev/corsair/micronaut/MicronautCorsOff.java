package dev.corsair.micronaut;

import dev.corsair.CorsEngine;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration.CorsConfiguration;
import jakarta.inject.Singleton;

/**
 * Switches Micronaut's own CORS filter off while corsair's is on: no second set of {@code
 * Access-Control-*} headers from {@code micronaut.server.cors}, and no 403 for a cross-origin
 * request to a server on localhost (Micronaut's drive-by guard): corsair's policy decides, and an
 * actual request from a refused origin reaches the application without CORS headers, as the
 * contract says.
 */
@Singleton
@Requires(beans = CorsEngine.class)
final class MicronautCorsOff implements BeanCreatedEventListener<CorsConfiguration> {
  @Override
  public CorsConfiguration onCreated(BeanCreatedEvent<CorsConfiguration> event) {
    CorsConfiguration cors = event.getBean();
    cors.setEnabled(false);
    cors.setLocalhostPassThrough(true);
    return cors;
  }
}
