package dev.corsair.micronaut;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.reactivestreams.Publisher;

/**
 * Applies corsair's engine to every request of a Micronaut 4 server: answers preflights itself and
 * puts the CORS headers on every other response under the policy, error responses (exceptions, 404,
 * 405, 401 from security) included.
 *
 * <p>It runs first ({@link ServerFilterPhase#FIRST}, ahead of security and Micronaut's own CORS
 * filter), so on the way back it sees the final response and replaces any {@code Access-Control-*}
 * header set by the application or by {@code micronaut.server.cors} with the policy's, merging
 * {@code Vary}. Active when a {@link CorsEngine} bean exists: the one corsair builds from {@code
 * cors.*} settings, or your own.
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Requires(beans = CorsEngine.class)
public final class CorsairFilter implements HttpServerFilter {
  private final CorsEngine engine;

  /** A filter enforcing the engine's policies (the first whose paths match wins). */
  public CorsairFilter(CorsEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.before();
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    CorsDecision decision = engine.decide(new MicronautRequest(request));
    if (!decision.isCovered()) {
      return chain.proceed(request);
    }
    if (decision.isPreflight()) {
      MutableHttpResponse<?> answer = HttpResponse.ok();
      try {
        decision.answerPreflight(new MicronautResponse(answer));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Publishers.just(answer);
    }
    return Publishers.map(
        chain.proceed(request),
        response -> {
          decision.applyTo(new MicronautResponse(response));
          return response;
        });
  }
}
