package dev.corsair;

import java.util.Locale;

/** The policy settings (README.md's settings table), with their environment and property names. */
enum Setting {
  ALLOWED_ORIGINS("CORS_ALLOWED_ORIGINS", "cors.allowed-origins"),
  ALLOWED_METHODS("CORS_ALLOWED_METHODS", "cors.allowed-methods"),
  ALLOWED_HEADERS("CORS_ALLOWED_HEADERS", "cors.allowed-headers"),
  EXPOSED_HEADERS("CORS_EXPOSED_HEADERS", "cors.exposed-headers"),
  ALLOW_CREDENTIALS("CORS_ALLOW_CREDENTIALS", "cors.allow-credentials"),
  MAX_AGE("CORS_MAX_AGE", "cors.max-age"),
  ALLOW_PRIVATE_NETWORK("CORS_ALLOW_PRIVATE_NETWORK", "cors.allow-private-network"),
  PREFLIGHT_STATUS("CORS_PREFLIGHT_STATUS", "cors.preflight-status"),
  PATHS("CORS_PATHS", "cors.paths"),
  LOG_WINDOW("CORS_LOG_WINDOW", "cors.log-window"),
  LOG_LEVEL("CORS_LOG_LEVEL", "cors.log-level");

  final String env;
  final String property;

  Setting(String env, String property) {
    this.env = env;
    this.property = property;
  }

  /** The setting named {@code name} in either spelling, or null. */
  static Setting named(String name) {
    for (Setting s : values()) {
      if (s.env.equals(name) || s.property.equals(name)) {
        return s;
      }
    }
    return null;
  }

  /** The known setting closest to a misspelt {@code name}, for "did you mean". */
  static Setting closest(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('_', '-').replace("cors-", "cors.");
    Setting best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Setting s : values()) {
      int d = Text.distance(n, s.property);
      if (d < bestDistance) {
        bestDistance = d;
        best = s;
      }
    }
    return bestDistance <= 4 ? best : null;
  }
}
