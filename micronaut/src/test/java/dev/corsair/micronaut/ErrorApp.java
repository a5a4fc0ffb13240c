package dev.corsair.micronaut;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.concurrent.atomic.AtomicInteger;

/** The error paths' application: each route answers in one of Micronaut's ways. */
@Controller("/api")
@Consumes(MediaType.ALL)
@Requires(property = "test.app", value = "errors")
class ErrorApp {
  static final AtomicInteger REACHED = new AtomicInteger();

  @Get(value = "/items", produces = MediaType.TEXT_PLAIN)
  HttpResponse<String> items() {
    REACHED.incrementAndGet();
    return HttpResponse.ok("items").header("X-Total-Count", "42");
  }

  @Get("/throw")
  String fail() {
    throw new IllegalStateException("boom");
  }

  @Post("/mapped")
  String mapped() {
    throw new IllegalArgumentException("bad input");
  }

  @Error(exception = IllegalArgumentException.class)
  HttpResponse<String> badInput(HttpRequest<?> request, IllegalArgumentException e) {
    return HttpResponse.<String>status(HttpStatus.UNPROCESSABLE_ENTITY)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body("{\"error\":\"" + e.getMessage() + "\"}");
  }

  @Get("/down")
  String down() {
    throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "down for maintenance");
  }

  @Get(value = "/foreign", produces = MediaType.TEXT_PLAIN)
  HttpResponse<String> foreign() {
    return HttpResponse.ok("foreign")
        .header("Access-Control-Allow-Origin", "*")
        .header("Access-Control-Allow-Methods", "GET")
        .header("Vary", "Accept");
  }
}
