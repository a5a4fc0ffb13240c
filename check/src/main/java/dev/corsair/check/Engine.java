package dev.corsair.check;

import java.util.List;
import java.util.Locale;

/**
 * The browser engine whose checks and console messages {@code check} reproduces. All three reach
 * the same verdicts on ordinary calls; they differ in the order of some checks, in the Origin of a
 * second preflight after a redirect, and in the words of every message.
 */
enum Engine {
  CHROMIUM("chromium", "Chromium"),
  FIREFOX("firefox", "Firefox"),
  SAFARI("safari", "Safari");

  /** The names {@code --browser} takes ({@code webkit} is an alias of safari). */
  static final List<String> NAMES = List.of("chromium", "firefox", "safari", "webkit");

  /** The name in {@code --browser} and in JSON's {@code browser}. */
  final String id;

  /** The name in human output. */
  final String displayName;

  Engine(String id, String displayName) {
    this.id = id;
    this.displayName = displayName;
  }

  /** The engine named {@code name} (case-insensitive), or null when none is. */
  static Engine parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "chromium":
      case "chrome":
        return CHROMIUM;
      case "firefox":
        return FIREFOX;
      case "safari":
      case "webkit":
        return SAFARI;
      default:
        return null;
    }
  }
}
