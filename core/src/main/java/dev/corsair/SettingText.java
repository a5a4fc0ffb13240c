package dev.corsair;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Reads settings from their text form (environment, properties, init-params, YAML) into a {@link
 * PolicyDraft}: lists split on commas, booleans; everything else is checked by {@link
 * PolicyValidator}.
 */
final class SettingText {
  private SettingText() {}

  /**
   * Sets the setting named {@code name} (environment or property spelling) to the text {@code
   * value}; an unknown name or a value that is not a boolean is recorded as a problem.
   */
  static void set(PolicyDraft d, String name, String value, boolean environmentNames) {
    Setting s = Setting.named(name);
    String v = value == null ? "" : value.trim();
    if (s == null) {
      Setting near = Setting.closest(name);
      String suggestion =
          near == null
              ? ""
              : "; did you mean "
                  + (environmentNames || name.startsWith("CORS_") ? near.env : near.property)
                  + "?";
      d.problems.add(
          new CorsConfigException.Problem(
              name, v, "unknown setting " + Text.quote(name) + suggestion));
      return;
    }
    d.names.put(s, name);
    switch (s) {
      case ALLOWED_ORIGINS -> d.origins = split(v);
      case ALLOWED_METHODS -> d.methods = split(v);
      case ALLOWED_HEADERS -> d.headers = split(v);
      case EXPOSED_HEADERS -> d.exposed = split(v);
      case ALLOW_CREDENTIALS -> d.credentials = bool(d, name, v);
      case ALLOW_PRIVATE_NETWORK -> d.privateNetwork = bool(d, name, v);
      case MAX_AGE -> d.maxAge = v.isEmpty() ? null : v;
      case PREFLIGHT_STATUS -> d.preflightStatus = v;
      case PATHS -> d.paths = split(v);
      case LOG_WINDOW -> d.logWindow = v;
      case LOG_LEVEL -> d.logLevel = v;
    }
  }

  private static boolean bool(PolicyDraft d, String name, String v) {
    if (v.equalsIgnoreCase("true")) {
      return true;
    }
    if (!v.equalsIgnoreCase("false")) {
      d.problems.add(
          new CorsConfigException.Problem(
              name, v, Text.quote(v) + " is not a boolean; use true or false"));
    }
    return false;
  }

  /** The values trimmed, empty ones dropped. */
  static List<String> trimmed(Collection<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      Objects.requireNonNull(v, "null entry");
      String t = v.trim();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** A comma-separated list, trimmed, empty elements dropped. */
  static List<String> split(String v) {
    return trimmed(Arrays.asList(v.split(",", -1)));
  }
}
