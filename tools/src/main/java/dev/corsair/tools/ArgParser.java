package dev.corsair.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one argument parser of the {@code corsair} commands: {@code --opt value} and {@code
 * --opt=value}, flags, options given once or repeated, positional arguments, {@code --} to end the
 * options, and {@code -h}/{@code --help} anywhere. Every command words its problems the same way
 * ("unknown option '--x'", "--origin needs a value") and answers them with exit status 2.
 *
 * <pre>{@code
 * ArgParser p = ArgParser.builder("check", USAGE).option("--origin").repeatable("-H", "--header")
 *     .flag("--json").build();
 * Args a = p.parse(args);   // throws UsageException
 * }</pre>
 */
public final class ArgParser {
  /** How an option takes its argument. */
  private enum Arity {
    FLAG,
    ONCE,
    REPEATED
  }

  private record Spec(String name, Arity arity) {}

  private final String command;
  private final String usage;
  private final Map<String, Spec> byName;
  private final Map<String, String> canonical;
  private final boolean stopAtFirstPositional;

  private ArgParser(Builder b) {
    this.command = b.command;
    this.usage = b.usage;
    this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(b.byName));
    Map<String, String> c = new LinkedHashMap<>();
    byName.forEach((alias, spec) -> c.put(alias, spec.name()));
    this.canonical = Map.copyOf(c);
    this.stopAtFirstPositional = b.stopAtFirstPositional;
  }

  /**
   * A parser for {@code corsair COMMAND}; {@code command} is empty for the dispatcher itself.
   *
   * @param usage the text printed for {@code --help} and after a usage error
   */
  public static Builder builder(String command, String usage) {
    return new Builder(command, usage);
  }

  /**
   * Parses a command line.
   *
   * @throws UsageException for an unknown option, a missing value, a value given to a flag, or an
   *     option given twice that takes one value
   */
  public Args parse(List<String> args) {
    if (asksForHelp(args)) {
      return new Args(true, Map.of(), List.of(), canonical);
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (optionsEnded || !isOptionLike(a)) {
        positionals.add(a);
        optionsEnded |= stopAtFirstPositional;
        continue;
      }
      if (a.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 2) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      Spec spec = byName.get(name);
      if (spec == null) {
        throw UsageException.unknownOption(name, closest(name));
      }
      List<String> seen = values.computeIfAbsent(spec.name(), k -> new ArrayList<>());
      if (spec.arity() == Arity.FLAG) {
        if (value != null) {
          throw UsageException.takesNoValue(name);
        }
        seen.add("");
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size() || byName.containsKey(args.get(i + 1))) {
          throw UsageException.needsValue(name);
        }
        value = args.get(++i);
      }
      if (spec.arity() == Arity.ONCE && !seen.isEmpty()) {
        throw UsageException.givenTwice(name, seen.get(0), value);
      }
      seen.add(value);
    }
    return new Args(false, values, positionals, canonical);
  }

  /**
   * Prints {@code corsair COMMAND: problem} and the usage to {@code err}; returns exit status 2.
   */
  public int usageError(PrintStream err, String problem) {
    err.println(prefix() + problem);
    err.println(usage);
    return ExitStatus.USAGE;
  }

  /**
   * Prints {@code corsair COMMAND: problem} alone, for a configuration the command could not use
   * (the message already names the setting and the fix); returns exit status 2.
   */
  public int configError(PrintStream err, String problem) {
    err.println(prefix() + problem);
    return ExitStatus.USAGE;
  }

  /** Prints the usage to {@code out} (for {@code --help}); returns exit status 0. */
  public int help(PrintStream out) {
    out.println(usage);
    return ExitStatus.OK;
  }

  /** {@code "corsair check: "}, the start of every line this command prints about itself. */
  public String prefix() {
    return command.isEmpty() ? "corsair: " : "corsair " + command + ": ";
  }

  /** The usage text. */
  public String usage() {
    return usage;
  }

  private boolean asksForHelp(List<String> args) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals("-h") || a.equals("--help")) {
        return true;
      }
      if (stopAtFirstPositional && !isOptionLike(a)) {
        return false;
      }
    }
    return false;
  }

  /** {@code -x} and {@code --xy}; a lone {@code -} (standard input) is a positional argument. */
  private static boolean isOptionLike(String a) {
    return a.length() > 1 && a.charAt(0) == '-';
  }

  /** A known option the unknown {@code name} is probably a typo of, or null. */
  private String closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : byName.keySet()) {
      if (!known.startsWith("--")) {
        continue;
      }
      int d = known.startsWith(name) && name.length() > 3 ? 1 : distance(name, known);
      if (d < bestDistance) {
        best = known;
        bestDistance = d;
      }
    }
    return bestDistance <= 2 ? best : null;
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Declares a command's options; the first name of each is the one {@link Args} answers to. */
  public static final class Builder {
    private final String command;
    private final String usage;
    private final Map<String, Spec> byName = new LinkedHashMap<>();
    private boolean stopAtFirstPositional;

    private Builder(String command, String usage) {
      if (command == null || usage == null) {
        throw new IllegalArgumentException("command and usage must not be null");
      }
      this.command = command;
      this.usage = usage;
    }

    /** An option without a value, e.g. {@code --json}. */
    public Builder flag(String... names) {
      return add(Arity.FLAG, names);
    }

    /** An option with one value, given at most once, e.g. {@code --origin URL}. */
    public Builder option(String... names) {
      return add(Arity.ONCE, names);
    }

    /** An option with a value that may be given several times, e.g. {@code -H 'Name: value'}. */
    public Builder repeatable(String... names) {
      return add(Arity.REPEATED, names);
    }

    /**
     * Everything from the first positional argument on is positional: a dispatcher's own options
     * come before the subcommand, whose arguments are left to it.
     */
    public Builder stopAtFirstPositional() {
      this.stopAtFirstPositional = true;
      return this;
    }

    private Builder add(Arity arity, String... names) {
      if (names.length == 0) {
        throw new IllegalArgumentException("an option needs a name");
      }
      Spec spec = new Spec(names[0], arity);
      for (String n : names) {
        if (!isOptionLike(n) || n.equals("--") || n.equals("-h") || n.equals("--help")) {
          throw new IllegalArgumentException("not an option name: '" + n + "'");
        }
        if (byName.putIfAbsent(n, spec) != null) {
          throw new IllegalStateException("option " + n + " declared twice");
        }
      }
      return this;
    }

    public ArgParser build() {
      return new ArgParser(this);
    }
  }
}
