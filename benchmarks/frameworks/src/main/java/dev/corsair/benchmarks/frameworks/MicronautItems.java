package dev.corsair.benchmarks.frameworks;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Put;

/**
 * The Micronaut benchmark application: {@code GET /api/items}, and {@code OPTIONS} without CORS.
 */
@Controller("/api/items")
class MicronautItems {
  @Get(produces = MediaType.TEXT_PLAIN)
  String items() {
    return BenchServer.BODY;
  }

  @Put(produces = MediaType.TEXT_PLAIN, consumes = MediaType.ALL)
  String put() {
    return BenchServer.BODY;
  }

  @Options
  @Requires(property = "bench.variant", value = "none")
  HttpResponse<Void> options() {
    return HttpResponse.noContent();
  }
}
