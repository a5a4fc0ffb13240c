package dev.corsair;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The settings of one policy as given, before validation: lists trimmed, numbers still text (so
 * that {@link PolicyValidator} alone decides what is valid), each setting named as the user wrote
 * it. What {@link CorsPolicy.Builder} and {@link SettingText} fill in.
 */
final class PolicyDraft {
  static final List<String> DEFAULT_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
  static final List<String> DEFAULT_HEADERS = List.of("Content-Type");

  /** How each setting is named in messages: its environment variable or its property key. */
  final Map<Setting, String> names = new EnumMap<>(Setting.class);

  /** Problems found while reading text (unknown names, values that are not booleans). */
  final List<CorsConfigException.Problem> problems = new ArrayList<>();

  final List<String> warnings = new ArrayList<>();

  /** Null until set: a required setting. */
  List<String> origins;

  Predicate<String> originPredicate;
  List<String> methods = DEFAULT_METHODS;
  List<String> headers = DEFAULT_HEADERS;
  List<String> exposed = List.of();
  boolean credentials;

  /** Whole seconds as text, or null for no {@code Access-Control-Max-Age}. */
  String maxAge;

  boolean privateNetwork;

  /** As text: {@link PolicyValidator} checks it is 200 or 204. */
  String preflightStatus = "204";

  List<String> paths = List.of("/**");

  /** The refusal log's window in whole seconds as text, or null for the engine's default. */
  String logWindow;

  /** The refusal log's level as text, or null for the engine's default. */
  String logLevel;

  boolean allowPublicSuffixPatterns;

  PolicyDraft(boolean environmentNames) {
    for (Setting s : Setting.values()) {
      names.put(s, environmentNames ? s.env : s.property);
    }
  }

  String name(Setting s) {
    return names.get(s);
  }
}
