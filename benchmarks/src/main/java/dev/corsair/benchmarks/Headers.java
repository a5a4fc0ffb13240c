package dev.corsair.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The request header lines of a scenario, as a browser sends them. */
final class Headers {
  private Headers() {}

  static final String[] NONE = new String[0];

  /** {@code [names, values]} of scenario {@code s}'s request headers. */
  static String[][] of(Scenario s) {
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    names.add("Host");
    values.add("api.example.com");
    names.add("Accept");
    values.add("*/*");
    if (s.origin != null) {
      names.add("Origin");
      values.add(s.origin);
    }
    if (s.requestMethod != null) {
      names.add("Access-Control-Request-Method");
      values.add(s.requestMethod);
    }
    if (s.requestHeaders != null) {
      names.add("Access-Control-Request-Headers");
      values.add(s.requestHeaders);
    }
    return new String[][] {names.toArray(NONE), values.toArray(NONE)};
  }
}
