package dev.corsair.benchmarks;

import dev.corsair.CorsPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one policy every filter is configured with, in each library's own terms: two exact origins
 * (or 1,000 for scenario f), the default methods, three allowed headers (the header name {@code a}
 * is allowed so that every element of scenario g passes the name check, the worst case for a
 * parser), one exposed header, credentials, a max-age of 600 s, every path.
 */
public final class BenchPolicy {
  private BenchPolicy() {}

  static final String APP = "https://app.example.com";
  static final String ADMIN = "https://admin.example.com";
  static final String EVIL = "https://evil.example.net";

  static final List<String> ORIGINS = List.of(APP, ADMIN);
  static final List<String> THOUSAND_ORIGINS = thousand();
  static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
  static final List<String> HEADERS = List.of("Content-Type", "X-Requested-With", "a");
  static final List<String> EXPOSED = List.of("X-Request-Id");
  static final int MAX_AGE = 600;

  /** The corsair policy for a scenario. */
  static CorsPolicy corsair(Scenario s) {
    return CorsPolicy.builder()
        .allowedOrigins(s.origins())
        .allowedMethods(METHODS.toArray(String[]::new))
        .allowedHeaders(HEADERS.toArray(String[]::new))
        .exposedHeaders(EXPOSED.toArray(String[]::new))
        .allowCredentials(true)
        .maxAge(MAX_AGE)
        .build();
  }

  static String lastOfThousand() {
    return THOUSAND_ORIGINS.get(THOUSAND_ORIGINS.size() - 1);
  }

  private static List<String> thousand() {
    List<String> out = new ArrayList<>(1000);
    for (int i = 0; i < 1000; i++) {
      out.add("https://app" + i + ".example.com");
    }
    return Collections.unmodifiableList(out);
  }
}
