package dev.corsair.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The demo API answers every path under its policy, a 404 included, with the CORS headers. */
class DemoTest {
  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of("/api/hello", 200), Arguments.of("/", 404), Arguments.of("/x", 404));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void apiAnswersWithCorsHeaders(String path, int status) throws Exception {
    try (Demo demo = Demo.start(0, 0)) {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(demo.apiUrl() + path))
                      .header("Origin", demo.pageOrigin())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(status);
      assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(demo.pageOrigin());
      assertThat(r.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
    }
  }
}
