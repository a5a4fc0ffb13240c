package dev.corsair.export;

import dev.corsair.gateway.PolicySources;
import dev.corsair.tools.ArgParser;
import dev.corsair.tools.Args;
import dev.corsair.tools.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code corsair export ENGINE --upstream URL --listen [HOST:]PORT ...}: the gateway's policy
 * compiled into an nginx, HAProxy, Apache or Caddy configuration that enforces it exactly.
 */
public final class ExportCommand {
  static final String USAGE =
      String.join(
          "\n",
          "usage: corsair export nginx|haproxy|apache|caddy --upstream URL --listen [HOST:]PORT",
          "         [--config FILE] [--prefix DIR] [--snippet] [--modules-dir DIR]",
          "  Prints one configuration file for the engine that enforces the policy (CORS_*",
          "  variables and/or the YAML FILE, as for corsair gateway) in front of URL.",
          "  --prefix DIR: where the engine writes its pid, logs and temporary files (default .).",
          "  --snippet: only the parts to paste into an existing configuration (nginx, caddy).",
          "  --modules-dir DIR: the engine's module directory (default: Debian's).");

  private static final ArgParser ARGS =
      ArgParser.builder("export", USAGE)
          .option("--upstream")
          .option("--listen")
          .option("--config")
          .option("--prefix")
          .option("--modules-dir")
          .flag("--snippet")
          .build();

  private ExportCommand() {}

  /** The parsed command line. */
  record Options(
      String engine,
      String upstream,
      String listen,
      Path config,
      Path prefix,
      boolean snippet,
      Path modulesDir) {

    /**
     * @throws IllegalArgumentException naming the option and what to write instead
     */
    static Options parse(List<String> args) {
      Args a = ARGS.parse(args);
      List<String> positionals = a.positionals();
      if (positionals.isEmpty()) {
        throw new UsageException("give the engine first: nginx, haproxy, apache or caddy");
      }
      if (positionals.size() > 1) {
        throw new UsageException(
            "unexpected argument '"
                + positionals.get(1)
                + "'; the engine is already "
                + positionals.get(0));
      }
      String engine = positionals.get(0);
      if (!List.of("nginx", "haproxy", "apache", "caddy").contains(engine)) {
        throw new UsageException(
            "unknown engine '" + engine + "'; write nginx, haproxy, apache or caddy");
      }
      String upstream = a.value("--upstream");
      if (upstream == null) {
        throw new UsageException(
            "--upstream is required: the backend to proxy, e.g. --upstream http://127.0.0.1:3000");
      }
      String listen = a.value("--listen");
      if (listen == null) {
        throw new UsageException(
            "--listen is required: where the engine listens, e.g. --listen 127.0.0.1:8080");
      }
      boolean snippet = a.has("--snippet");
      if (snippet && engine.equals("haproxy")) {
        throw new UsageException(
            "--snippet: HAProxy's CORS rules span a frontend, a backend and global settings;"
                + " export the whole file and merge it, or leave out --snippet");
      }
      String config = a.value("--config");
      String modules = a.value("--modules-dir");
      return new Options(
          engine,
          upstream,
          listen,
          config == null ? null : Path.of(config),
          Path.of(a.value("--prefix", "")),
          snippet,
          modules == null ? null : Path.of(modules));
    }
  }

  /** Prints the configuration; returns the exit status (2 for bad arguments or configuration). */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options o;
    Target target;
    try {
      if (ARGS.parse(args).help()) {
        return ARGS.help(out);
      }
      o = Options.parse(args);
      String[] up = Target.parseUpstream(o.upstream());
      String[] listen = Target.parseListen(o.listen());
      target =
          new Target(
              listen[0],
              Integer.parseInt(listen[1]),
              up[0],
              Integer.parseInt(up[1]),
              up[2],
              o.prefix().toAbsolutePath().normalize(),
              o.modulesDir() == null ? null : o.modulesDir().toAbsolutePath().normalize());
    } catch (IllegalArgumentException e) {
      return ARGS.usageError(err, e.getMessage());
    }
    PolicySources.Loaded loaded;
    try {
      loaded = PolicySources.load(o.config(), env);
    } catch (IllegalArgumentException e) { // CorsConfigException too
      return ARGS.configError(err, e.getMessage());
    }
    for (String w : loaded.warnings()) {
      err.println("corsair export: warning: " + w);
    }
    List<Rules> rules = Rules.of(loaded.policies());
    try {
      out.print(write(o.engine(), rules, target, o.snippet(), o.upstream()));
      return 0;
    } catch (Unsupported e) {
      return ARGS.configError(err, e.getMessage());
    }
  }

  static String write(String engine, List<Rules> rules, Target target, boolean snippet, String url)
      throws Unsupported {
    switch (engine) {
      case "nginx":
        return NginxConfig.write(
            rules,
            target,
            snippet,
            header(
                NginxConfig.VERSIONS,
                "nginx -p "
                    + target.prefix()
                    + " -c "
                    + target.prefix()
                    + "/nginx.conf -e stderr -g 'daemon off;'",
                url,
                target));
      case "haproxy":
        return HaproxyConfig.write(
            rules, target, header(HaproxyConfig.VERSIONS, "haproxy -f FILE -db", url, target));
      case "apache":
        return ApacheConfig.write(
            rules,
            target,
            snippet,
            header(ApacheConfig.VERSIONS, "apache2 -f FILE -DFOREGROUND", url, target));
      case "caddy":
        return CaddyConfig.write(
            rules,
            target,
            snippet,
            header(
                CaddyConfig.VERSIONS, "caddy run --config FILE --adapter caddyfile", url, target));
      default:
        throw new IllegalStateException("unknown engine " + engine); // parse() refuses it first
    }
  }

  private static String header(String versions, String start, String url, Target target) {
    return "# Generated by corsair export: the CORS policy of corsair gateway, enforced at the edge.\n"
        + "# Targets "
        + versions
        + ".\n"
        + "# Listens on "
        + target.listenAddress()
        + ", forwards to "
        + url
        + "; writes only under "
        + target.prefix()
        + ".\n"
        + "# Start: "
        + start
        + "\n"
        + "# Regenerate it rather than edit it: every rule below is one check of the policy.\n";
  }
}
