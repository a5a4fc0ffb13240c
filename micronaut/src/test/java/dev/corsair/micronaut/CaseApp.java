package dev.corsair.micronaut;

import dev.corsair.testkit.TestApp;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

/** The shared case table's application: any method, any path. */
@Controller
@Consumes(MediaType.ALL)
@Requires(property = "test.app", value = "cases")
class CaseApp {
  @Get("/{+path}")
  HttpResponse<String> get(String path) {
    return answer();
  }

  @Head("/{+path}")
  HttpResponse<String> head(String path) {
    return answer();
  }

  @Post("/{+path}")
  HttpResponse<String> post(String path) {
    return answer();
  }

  @Put("/{+path}")
  HttpResponse<String> put(String path) {
    return answer();
  }

  @Patch("/{+path}")
  HttpResponse<String> patch(String path) {
    return answer();
  }

  @Delete("/{+path}")
  HttpResponse<String> delete(String path) {
    return answer();
  }

  @Options("/{+path}")
  HttpResponse<String> options(String path) {
    return answer();
  }

  private static HttpResponse<String> answer() {
    return HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(TestApp.STATUS))
        .contentType(MediaType.TEXT_PLAIN_TYPE)
        .header(TestApp.MARKER, TestApp.MARKER_VALUE)
        .header("Vary", TestApp.VARY)
        .body(TestApp.BODY);
  }
}
