package dev.corsair.gateway;

import dev.corsair.tools.ArgParser;
import dev.corsair.tools.Args;
import dev.corsair.tools.UsageException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code corsair dev --proxy /PATH=URL ...}: the same-origin development proxy. */
public final class DevCommand {
  static final String USAGE =
      String.join(
          "\n",
          "usage: corsair dev --proxy /PATH=URL... [--static DIR] [--listen [HOST:]PORT]",
          "  --proxy /api=http://127.0.0.1:8080      forwards /api/** keeping the path",
          "  --proxy /api:/v1=http://127.0.0.1:8080  forwards /api/x as /v1/x (':/' to strip /api)",
          "  --static DIR                            serves DIR, index.html for client routes",
          "  Listens on 127.0.0.1:5173 by default.");

  private static final ArgParser ARGS =
      ArgParser.builder("dev", USAGE)
          .repeatable("--proxy")
          .option("--static")
          .option("--listen")
          .build();

  private DevCommand() {}

  /**
   * One {@code --proxy} entry.
   *
   * @param prefix the path prefix the browser uses
   * @param rewrite what replaces the prefix upstream, or null to keep the path
   */
  record Proxy(String prefix, String rewrite, Upstream upstream) {

    static Proxy parse(String value) {
      int eq = value.indexOf('=');
      if (eq <= 0 || !value.startsWith("/")) {
        throw new IllegalArgumentException(
            "--proxy " + value + ": write /PATH=URL, e.g. --proxy /api=http://127.0.0.1:8080");
      }
      String left = value.substring(0, eq);
      String rewrite = null;
      int colon = left.indexOf(':');
      if (colon >= 0) {
        rewrite = left.substring(colon + 1);
        left = left.substring(0, colon);
        if (!rewrite.startsWith("/")) {
          throw new IllegalArgumentException(
              "--proxy " + value + ": the rewrite after ':' must start with /, e.g. /api:/=URL");
        }
      }
      String prefix =
          left.length() > 1 && left.endsWith("/") ? left.substring(0, left.length() - 1) : left;
      return new Proxy(
          prefix, rewrite, Upstream.parse("--proxy " + left + "=", value.substring(eq + 1), null));
    }

    boolean matches(String path) {
      return prefix.equals("/")
          || path.equals(prefix)
          || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/')
          || (path.startsWith(prefix) && path.charAt(prefix.length()) == '?');
    }

    /** The request target to send upstream. */
    String target(String target) {
      String t = target;
      if (rewrite != null) {
        String rest = target.substring(prefix.equals("/") ? 0 : prefix.length());
        if (rewrite.endsWith("/") && rest.startsWith("/")) {
          rest = rest.substring(1);
        }
        t = rewrite + rest;
        if (!t.startsWith("/")) {
          t = "/" + t;
        }
      }
      return upstream.basePath + t;
    }

    /** Maps an upstream path back to the path the browser would use, when it can. */
    String back(String upstreamPath) {
      String p = upstreamPath;
      if (!upstream.basePath.isEmpty()) {
        if (!p.startsWith(upstream.basePath)) {
          return p;
        }
        p = p.substring(upstream.basePath.length());
      }
      if (rewrite != null && p.startsWith(rewrite)) {
        String rest = p.substring(rewrite.length());
        String pre = prefix.equals("/") ? "" : prefix;
        return pre + (rest.startsWith("/") || rest.isEmpty() ? rest : "/" + rest);
      }
      return p;
    }

    /** Rewrites {@code Set-Cookie} domains and redirect locations for the dev origin. */
    void rewrite(HttpHeaders h, String clientOrigin) {
      List<String> cookies = h.getAll(HttpHeaderNames.SET_COOKIE);
      if (!cookies.isEmpty()) {
        h.remove(HttpHeaderNames.SET_COOKIE);
        for (String c : cookies) {
          h.add(HttpHeaderNames.SET_COOKIE, withoutDomain(c));
        }
      }
      String loc = h.get(HttpHeaderNames.LOCATION);
      if (loc != null) {
        String o = upstream.origin;
        if (loc.regionMatches(true, 0, o, 0, o.length())
            && (loc.length() == o.length() || "/?#".indexOf(loc.charAt(o.length())) >= 0)) {
          String rest = loc.substring(o.length());
          h.set(HttpHeaderNames.LOCATION, clientOrigin + back(rest.isEmpty() ? "/" : rest));
        } else if (loc.startsWith("/") && !loc.startsWith("//")) {
          h.set(HttpHeaderNames.LOCATION, back(loc));
        }
      }
    }

    /**
     * A {@code Set-Cookie} value without its {@code Domain} attribute: a cookie for the dev host.
     */
    static String withoutDomain(String cookie) {
      String[] parts = cookie.split(";");
      StringBuilder b = new StringBuilder(cookie.length());
      for (int i = 0; i < parts.length; i++) {
        String attr = parts[i].trim();
        if (i > 0 && attr.toLowerCase(Locale.ROOT).startsWith("domain")) {
          String n = attr.contains("=") ? attr.substring(0, attr.indexOf('=')).trim() : attr;
          if (n.equalsIgnoreCase("domain")) {
            continue;
          }
        }
        if (b.length() > 0) {
          b.append("; ");
        }
        b.append(attr);
      }
      return b.toString();
    }
  }

  /** The parsed command line. */
  record Options(List<Proxy> proxies, Path staticDir, Listen listen) {

    /**
     * Parses the command line.
     *
     * @throws IllegalArgumentException naming the option and what to write instead
     */
    static Options parse(List<String> args) {
      return of(ARGS.parse(args));
    }

    private static Options of(Args a) {
      if (!a.positionals().isEmpty()) {
        throw new UsageException("unexpected argument '" + a.positionals().get(0) + "'");
      }
      List<Proxy> proxies = new ArrayList<>();
      for (String value : a.values("--proxy")) {
        proxies.add(Proxy.parse(value));
      }
      Path dir = null;
      String staticDir = a.value("--static");
      if (staticDir != null) {
        dir = Path.of(staticDir);
        if (!Files.isDirectory(dir)) {
          throw new UsageException(
              "--static "
                  + staticDir
                  + ": no such directory; give the front end's build or public folder");
        }
      }
      String listen = a.value("--listen");
      if (proxies.isEmpty() && dir == null) {
        throw new UsageException("give at least one --proxy /PATH=URL or a --static DIR");
      }
      proxies.sort(Comparator.comparingInt((Proxy p) -> p.prefix().length()).reversed());
      return new Options(
          List.copyOf(proxies),
          dir,
          listen == null
              ? new Listen("127.0.0.1", 5173)
              : Listen.parse("--listen", listen, "127.0.0.1"));
    }
  }

  /** Routes by the longest matching prefix, then to the static files. */
  static Route.Router router(Options o) {
    StaticFiles files = o.staticDir() == null ? null : new StaticFiles(o.staticDir());
    return (target, path, method, accept) -> {
      for (Proxy p : o.proxies()) {
        if (p.matches(path)) {
          return new Route(p.upstream(), p.target(target), p::rewrite, null);
        }
      }
      return new Route(null, target, null, files == null ? null : files.resolve(path, accept));
    };
  }

  /** Starts the dev proxy (tests call this; {@link #run} adds signals). */
  static ProxyServer start(Options o, PrintStream err) throws Exception {
    ProxyServer server =
        new ProxyServer(
            o.listen().host(),
            o.listen().port(),
            -1,
            null,
            router(o),
            Duration.ofSeconds(60),
            false,
            AccessLog.to(err, err),
            ClientLimits.DEFAULTS,
            err);
    try {
      return server.start();
    } catch (Exception e) {
      server.close();
      throw e;
    }
  }

  /** Runs until stopped; returns the exit status (2 for bad arguments). */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    OutOfMemory.exitOnUncaught();
    Options o;
    try {
      Args a = ARGS.parse(args);
      if (a.help()) {
        return ARGS.help(out);
      }
      o = Options.of(a);
    } catch (IllegalArgumentException e) {
      return ARGS.usageError(err, e.getMessage());
    }
    ProxyServer server;
    try {
      server = start(o, err);
    } catch (IllegalArgumentException e) {
      return ARGS.configError(err, e.getMessage());
    } catch (Exception e) {
      return ARGS.configError(
          err,
          "cannot listen on "
              + o.listen().url()
              + ": "
              + e.getMessage()
              + "; pick another port with --listen");
    }
    StringBuilder what = new StringBuilder();
    for (Proxy p : o.proxies()) {
      what.append(what.length() == 0 ? "" : ", ")
          .append(p.prefix())
          .append(" -> ")
          .append(p.upstream());
    }
    if (o.staticDir() != null) {
      what.append(what.length() == 0 ? "" : ", ").append("static ").append(o.staticDir());
    }
    return GatewayCommand.serveUntilStopped(
        server, out, err, "dev", "(" + what + ")", null, () -> server.drain(Duration.ofSeconds(5)));
  }
}
