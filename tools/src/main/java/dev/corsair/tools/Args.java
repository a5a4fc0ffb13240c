package dev.corsair.tools;

import java.util.List;
import java.util.Map;

/** A parsed command line: the options given, by their first declared name, and the rest. */
public final class Args {
  private final boolean help;
  private final Map<String, List<String>> values;
  private final List<String> positionals;

  /** Every declared name and alias, mapped to the option's first name. */
  private final Map<String, String> canonical;

  Args(
      boolean help,
      Map<String, List<String>> values,
      List<String> positionals,
      Map<String, String> canonical) {
    this.help = help;
    this.values = values;
    this.positionals = List.copyOf(positionals);
    this.canonical = canonical;
  }

  /** True when {@code -h} or {@code --help} was given: print the usage and parse nothing else. */
  public boolean help() {
    return help;
  }

  /** True when the flag or option was given. */
  public boolean has(String name) {
    return !values(name).isEmpty();
  }

  /** The option's value, or null when it was not given. */
  public String value(String name) {
    List<String> v = values(name);
    return v.isEmpty() ? null : v.get(v.size() - 1);
  }

  /** The option's value, or {@code otherwise} when it was not given. */
  public String value(String name, String otherwise) {
    String v = value(name);
    return v == null ? otherwise : v;
  }

  /** Every value of the option, in command-line order; empty when it was not given. */
  public List<String> values(String name) {
    String key = canonical.get(name);
    if (key == null) {
      throw new IllegalArgumentException("option " + name + " was not declared");
    }
    List<String> v = values.get(key);
    return v == null ? List.of() : List.copyOf(v);
  }

  /** The arguments that are not options, in order. */
  public List<String> positionals() {
    return positionals;
  }
}
