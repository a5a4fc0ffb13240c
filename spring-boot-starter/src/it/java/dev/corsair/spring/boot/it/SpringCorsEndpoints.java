package dev.corsair.spring.boot.it;

import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Handlers with Spring's own CORS, served by the secured applications only. */
@RestController
class SpringCorsEndpoints {
  /** Spring's own CORS on one handler, more permissive than corsair's policy. */
  @CrossOrigin(originPatterns = "*", allowCredentials = "true", exposedHeaders = "X-Spring")
  @GetMapping("/spring/cross-origin")
  String crossOrigin() {
    return "cross-origin";
  }

  /** Covered by a global CorsRegistry mapping in the secured applications. */
  @GetMapping("/spring/registry")
  String registry() {
    return "registry";
  }
}
