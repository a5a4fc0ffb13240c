package dev.corsair.audit;

import java.util.Locale;

/** How bad a finding is, from {@code low} to {@code critical}; the order is the enum order. */
enum Severity {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** One level higher (credentials allowed on the finding), capped at {@code critical}. */
  Severity raised() {
    return this == CRITICAL ? CRITICAL : values()[ordinal() + 1];
  }

  /** The lower-case name used on the command line and in JSON. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code low|medium|high|critical} (any case), or returns null. */
  static Severity parse(String s) {
    for (Severity v : values()) {
      if (v.label().equalsIgnoreCase(s)) {
        return v;
      }
    }
    return null;
  }
}
