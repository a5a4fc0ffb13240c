package dev.corsair.spring.boot.it;

import java.security.Principal;
import java.time.Duration;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** Controllers both stacks serve (Spring MVC and WebFlux read the same annotations). */
@RestController
class Endpoints {
  /** An exception Boot's error handling turns into a 500. */
  @GetMapping("/boom")
  String boom() {
    throw new IllegalStateException("the application failed on purpose");
  }

  /** An error status the application chose. */
  @GetMapping("/teapot")
  String teapot() {
    throw new ResponseStatusException(HttpStatusCode.valueOf(418), "short and stout");
  }

  /** An asynchronous answer (Spring MVC: an ASYNC dispatch). */
  @GetMapping("/later")
  Mono<String> later() {
    return Mono.delay(Duration.ofMillis(50)).map(x -> "later");
  }

  /** An asynchronous failure (Spring MVC: ASYNC, then ERROR dispatch). */
  @GetMapping("/later-boom")
  Mono<String> laterBoom() {
    return Mono.delay(Duration.ofMillis(50))
        .flatMap(x -> Mono.error(new IllegalStateException("failed later on purpose")));
  }

  /** Who is logged in (needs authentication in the secured applications). */
  @GetMapping("/me")
  String me(Principal principal) {
    return "{\"user\":\"" + (principal == null ? "" : principal.getName()) + "\"}";
  }
}
