package dev.corsair.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The fix written as configuration for a server stack ({@code --stack NAME}): a snippet that works
 * as printed (imports, where it goes, ordered before authentication) and notes that say where to
 * paste it and which placeholders to replace.
 */
final class Stacks {
  private Stacks() {}

  static final List<String> NAMES =
      List.of(
          "express", "fastapi", "flask", "django", "rails", "laravel", "nginx", "spring",
          "corsair");

  /** The placeholder the nginx snippet uses for the backend it proxies to. */
  static final String NGINX_UPSTREAM = "UPSTREAM";

  /** The placeholder package of the Spring snippet. */
  static final String SPRING_PACKAGE = "com.example";

  /**
   * What the server must allow for the call to pass, together with what its answer already allowed.
   *
   * @param origins the page's origin first, then other origins the server allowed; {@code ["*"]}
   *     when the server allows any origin and no credentials are involved
   * @param methods methods to allow (upper case as browsers send them)
   * @param headers request header names to allow; {@code *} only without credentials
   * @param credentials whether the response must allow credentials
   * @param exposedHeaders response header names the server already exposes
   * @param pageMethod non-null when the page must send this method instead of its lower-case one
   * @param path the URL's path, where the fix applies
   */
  record Need(
      List<String> origins,
      List<String> methods,
      List<String> headers,
      boolean credentials,
      List<String> exposedHeaders,
      String pageMethod,
      String path) {
    Need {
      origins = List.copyOf(origins);
      methods = List.copyOf(methods);
      headers = List.copyOf(headers);
      exposedHeaders = List.copyOf(exposedHeaders);
    }

    boolean anyOrigin() {
      return origins.equals(List.of("*"));
    }
  }

  /** A stack's fix: the snippet to paste and what to know before pasting it. */
  record Fix(String stack, String snippet, List<String> notes) {
    Fix {
      notes = List.copyOf(notes);
    }
  }

  static Fix fix(String stack, Need n) {
    List<String> notes = new ArrayList<>();
    if (n.pageMethod() != null) {
      notes.add(
          "First fix the page: fetch(url, {method: '"
              + n.pageMethod()
              + "'}). fetch() upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT, and"
              + " methods are compared case-sensitively, so no server setting makes '"
              + n.pageMethod().toLowerCase(Locale.ROOT)
              + "' work. Then:");
    }
    if (!n.anyOrigin()) {
      notes.add(
          "Add to the origins any other origin your server already allows: a server does not"
              + " list the origins it refuses, so check sees only "
              + (n.origins().size() == 1 ? "the page's" : "these")
              + ".");
    }
    String snippet;
    switch (stack) {
      case "express":
        notes.add(
            "In the file that creates the app: after `const app = express()`, before your routes"
                + " and any authentication middleware; replace any other cors() call.");
        snippet = express(n);
        break;
      case "fastapi":
        notes.add(
            "In the module that creates `app = FastAPI()`, after every other"
                + " app.add_middleware(...) call (the last one added runs first, before"
                + " authentication); replace any other CORSMiddleware.");
        snippet = fastapi(n);
        break;
      case "flask":
        notes.add(
            "In the module that creates `app = Flask(__name__)`, right after it; replace any other"
                + " CORS(app, ...) call and @cross_origin decorators. A before_request hook that"
                + " checks credentials must let OPTIONS through.");
        snippet = flask(n);
        break;
      case "django":
        notes.add(
            "Paste at the end of settings.py, whether or not the project already uses"
                + " django-cors-headers: the first lines add 'corsheaders' to INSTALLED_APPS only"
                + " if it is missing and move its middleware to the top of MIDDLEWARE; the CORS_*"
                + " settings below them replace earlier values of the same name."
                + " Remove CORS_ALLOW_ALL_ORIGINS, CORS_ORIGIN_ALLOW_ALL and"
                + " CORS_ALLOWED_ORIGIN_REGEXES if you set them: they would let other origins in.");
        snippet = django(n);
        break;
      case "rails":
        notes.add(
            "Save as config/initializers/cors.rb (Gemfile: gem \"rack-cors\"), replacing any other"
                + " Rack::Cors block; restart the server. insert_before 0 runs it before"
                + " authentication.");
        snippet = rails(n);
        break;
      case "laravel":
        notes.add("config/cors.php (php artisan config:publish cors); keep HandleCors global.");
        snippet = laravel(n);
        break;
      case "nginx":
        notes.add(
            "In your server { } block, in place of the location that serves "
                + n.path()
                + " (and its CORS add_header lines); replace "
                + NGINX_UPSTREAM
                + " with your backend's host:port (or an upstream block's name), then nginx -s"
                + " reload. For a whole configuration that enforces a corsair policy: corsair"
                + " export nginx --upstream URL --listen PORT.");
        snippet = nginx(n);
        break;
      case "spring":
        notes.add(
            "Save as CorsConfig.java in your application's package (replace "
                + SPRING_PACKAGE
                + "); it needs only spring-boot-starter-web. The filter runs first, before Spring"
                + " Security and every HandlerInterceptor, and answers preflights itself. Remove"
                + " @CrossOrigin, addCorsMappings and http.cors(...) settings this replaces.");
        snippet = spring(n);
        break;
      case "corsair":
        notes.add(
            "Set these in the environment of the server (or the gateway), replacing the values"
                + " it has, and restart; settings not listed keep their values.");
        snippet = corsair(n);
        break;
      default:
        throw new IllegalArgumentException(stack);
    }
    return new Fix(stack, snippet, notes);
  }

  private static String list(List<String> items, Function<String, String> quote) {
    List<String> q = new ArrayList<>();
    for (String s : items) {
      q.add(quote.apply(s));
    }
    return String.join(", ", q);
  }

  private static String sq(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static String dq(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The methods to configure: a stack's defaults (kept) followed by what the call needs. */
  private static List<String> withDefaults(List<String> defaults, List<String> needed) {
    Set<String> all = new LinkedHashSet<>(defaults);
    all.addAll(needed);
    return new ArrayList<>(all);
  }

  /** Header names to allow, each once regardless of case, after the stack's own defaults. */
  private static List<String> headersAfter(List<String> defaults, List<String> needed) {
    List<String> out = new ArrayList<>(defaults);
    for (String h : needed) {
      boolean present = false;
      for (String d : out) {
        present |= d.equalsIgnoreCase(h);
      }
      if (!present) {
        out.add(h);
      }
    }
    return out;
  }

  /**
   * Methods every stack's fix allows, whatever the call: a server that refuses a preflight often
   * hides which methods it allows, and allowing a method only lets the browser send it (the server
   * still decides what the call may do), so a fix never drops a usual method.
   */
  static final List<String> USUAL_METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

  private static String express(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("// npm install cors\n");
    b.append("const cors = require('cors');\n\n");
    b.append("app.use(cors({\n");
    b.append("  origin: ")
        .append(n.anyOrigin() ? "'*'" : "[" + list(n.origins(), Stacks::sq) + "]")
        .append(",\n");
    b.append("  methods: [")
        .append(list(withDefaults(USUAL_METHODS, n.methods()), Stacks::sq))
        .append("],\n");
    b.append("  // allowedHeaders left out: cors allows every header the page asks for\n");
    if (!n.exposedHeaders().isEmpty()) {
      b.append("  exposedHeaders: [").append(list(n.exposedHeaders(), Stacks::sq)).append("],\n");
    }
    if (n.credentials()) {
      b.append("  credentials: true,\n");
    }
    b.append("}));");
    return b.toString();
  }

  private static String fastapi(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("from fastapi.middleware.cors import CORSMiddleware\n\n");
    b.append("app.add_middleware(\n    CORSMiddleware,\n");
    b.append("    allow_origins=[").append(list(n.origins(), Stacks::dq)).append("],\n");
    b.append("    allow_methods=[")
        .append(list(withDefaults(USUAL_METHODS, n.methods()), Stacks::dq))
        .append("],\n");
    if (!n.headers().isEmpty()) {
      b.append("    allow_headers=[").append(list(n.headers(), Stacks::dq)).append("],\n");
    }
    if (!n.exposedHeaders().isEmpty()) {
      b.append("    expose_headers=[").append(list(n.exposedHeaders(), Stacks::dq)).append("],\n");
    }
    if (n.credentials()) {
      b.append("    allow_credentials=True,\n");
    }
    b.append(")");
    return b.toString();
  }

  private static final List<String> FLASK_DEFAULT_METHODS =
      List.of("GET", "HEAD", "POST", "OPTIONS", "PUT", "PATCH", "DELETE");

  private static String flask(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("# pip install flask-cors\nfrom flask_cors import CORS\n\n");
    b.append("CORS(\n    app,\n    origins=[").append(list(n.origins(), Stacks::dq)).append("],\n");
    b.append("    methods=[")
        .append(list(withDefaults(FLASK_DEFAULT_METHODS, n.methods()), Stacks::dq))
        .append("],\n");
    if (!n.exposedHeaders().isEmpty()) {
      b.append("    expose_headers=[").append(list(n.exposedHeaders(), Stacks::dq)).append("],\n");
    }
    if (n.credentials()) {
      b.append("    supports_credentials=True,\n");
    }
    b.append(")  # allow_headers left out: flask-cors allows every header the page asks for");
    return b.toString();
  }

  private static final List<String> DJANGO_DEFAULT_METHODS =
      List.of("DELETE", "GET", "OPTIONS", "PATCH", "POST", "PUT");

  private static final List<String> DJANGO_DEFAULT_HEADERS =
      List.of(
          "accept",
          "accept-encoding",
          "authorization",
          "content-type",
          "dnt",
          "origin",
          "user-agent",
          "x-csrftoken",
          "x-requested-with");

  private static String django(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("# pip install django-cors-headers\n");
    b.append("from corsheaders.defaults import default_headers, default_methods\n\n");
    b.append("# added once: django-cors-headers installed, its middleware first\n");
    b.append("if \"corsheaders\" not in INSTALLED_APPS:\n");
    b.append("    INSTALLED_APPS = [*INSTALLED_APPS, \"corsheaders\"]\n");
    b.append("MIDDLEWARE = [\"corsheaders.middleware.CorsMiddleware\"] + [\n");
    b.append("    m for m in MIDDLEWARE if m != \"corsheaders.middleware.CorsMiddleware\"\n");
    b.append("]\n\n");
    b.append("# settings: these replace earlier values of the same name\n");
    if (n.anyOrigin()) {
      b.append("CORS_ALLOW_ALL_ORIGINS = True\n");
    } else {
      b.append("CORS_ALLOWED_ORIGINS = [").append(list(n.origins(), Stacks::dq)).append("]\n");
    }
    List<String> methods = new ArrayList<>();
    for (String m : n.methods()) {
      if (!DJANGO_DEFAULT_METHODS.contains(m) && !m.equals("HEAD")) {
        methods.add(m);
      }
    }
    b.append("CORS_ALLOW_METHODS = [*default_methods");
    for (String m : methods) {
      b.append(", ").append(dq(m));
    }
    b.append("]\n");
    List<String> headers = new ArrayList<>();
    for (String h : headersAfter(DJANGO_DEFAULT_HEADERS, lower(n.headers()))) {
      if (!DJANGO_DEFAULT_HEADERS.contains(h)) {
        headers.add(h);
      }
    }
    b.append("CORS_ALLOW_HEADERS = [*default_headers");
    for (String h : headers) {
      b.append(", ").append(dq(h));
    }
    b.append("]\n");
    if (!n.exposedHeaders().isEmpty()) {
      b.append("CORS_EXPOSE_HEADERS = [")
          .append(list(n.exposedHeaders(), Stacks::dq))
          .append("]\n");
    }
    b.append("CORS_ALLOW_CREDENTIALS = ").append(n.credentials() ? "True" : "False").append('\n');
    return b.toString().stripTrailing();
  }

  private static String rails(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("# config/initializers/cors.rb (Gemfile: gem \"rack-cors\")\n");
    b.append("Rails.application.config.middleware.insert_before 0, Rack::Cors do\n");
    b.append("  allow do\n");
    b.append("    origins ").append(list(n.origins(), Stacks::dq)).append('\n');
    b.append("    resource \"*\",\n");
    b.append("      headers: :any,\n");
    List<String> methods = withDefaults(USUAL_METHODS, n.methods());
    List<String> symbols = new ArrayList<>();
    for (String m : methods) {
      symbols.add(
          m.matches("[A-Za-z_][A-Za-z0-9_]*")
              ? ":" + m.toLowerCase(Locale.ROOT)
              : dq(m.toLowerCase(Locale.ROOT)));
    }
    b.append("      methods: [").append(String.join(", ", symbols)).append("]");
    if (!n.exposedHeaders().isEmpty()) {
      b.append(",\n      expose: [").append(list(n.exposedHeaders(), Stacks::dq)).append("]");
    }
    if (n.credentials()) {
      b.append(",\n      credentials: true");
    }
    b.append("\n  end\nend");
    return b.toString();
  }

  private static String laravel(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("// config/cors.php (php artisan config:publish cors)\nreturn [\n");
    b.append("    'paths' => ['api/*'],\n");
    b.append("    'allowed_origins' => [").append(list(n.origins(), Stacks::sq)).append("],\n");
    b.append("    'allowed_methods' => [").append(list(n.methods(), Stacks::sq)).append("],\n");
    b.append("    'allowed_headers' => [")
        .append(list(n.headers().isEmpty() ? List.of("Content-Type") : n.headers(), Stacks::sq))
        .append("],\n");
    if (!n.exposedHeaders().isEmpty()) {
      b.append("    'exposed_headers' => [")
          .append(list(n.exposedHeaders(), Stacks::sq))
          .append("],\n");
    }
    b.append("    'supports_credentials' => ").append(n.credentials()).append(",\n");
    b.append("];");
    return b.toString();
  }

  /** The nginx location prefix for a path: its first directory ({@code /api/}), or the path. */
  static String nginxLocation(String path) {
    int second = path.indexOf('/', 1);
    return second > 0 ? path.substring(0, second + 1) : path;
  }

  private static String nginx(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("location ").append(nginxLocation(n.path())).append(" {\n");
    String origin;
    if (n.anyOrigin()) {
      origin = "\"*\"";
    } else {
      origin = "$cors_origin";
      b.append("    set $cors_origin \"\";\n");
      for (String o : n.origins()) {
        b.append("    if ($http_origin = \"")
            .append(o)
            .append("\") {\n        set $cors_origin $http_origin;\n    }\n");
      }
    }
    b.append("    if ($request_method = OPTIONS) {\n");
    nginxHeaders(b, n, origin, "        ", true);
    b.append("        return 204;\n    }\n");
    for (String h :
        List.of(
            "Access-Control-Allow-Origin",
            "Access-Control-Allow-Credentials",
            "Access-Control-Allow-Methods",
            "Access-Control-Allow-Headers",
            "Access-Control-Expose-Headers",
            "Access-Control-Max-Age")) {
      b.append("    proxy_hide_header ").append(h).append(";\n");
    }
    nginxHeaders(b, n, origin, "    ", false);
    b.append("    proxy_pass http://").append(NGINX_UPSTREAM).append(";\n}");
    return b.toString();
  }

  private static void nginxHeaders(
      StringBuilder b, Need n, String origin, String indent, boolean preflight) {
    b.append(indent).append("add_header Access-Control-Allow-Origin ").append(origin);
    b.append(" always;\n");
    if (n.credentials()) {
      b.append(indent).append("add_header Access-Control-Allow-Credentials \"true\" always;\n");
    }
    if (preflight) {
      b.append(indent)
          .append("add_header Access-Control-Allow-Methods \"")
          .append(String.join(", ", withDefaults(USUAL_METHODS, n.methods())))
          .append("\" always;\n");
      if (!n.headers().isEmpty()) {
        b.append(indent)
            .append("add_header Access-Control-Allow-Headers \"")
            .append(String.join(", ", n.headers()))
            .append("\" always;\n");
      }
    } else if (!n.exposedHeaders().isEmpty()) {
      b.append(indent)
          .append("add_header Access-Control-Expose-Headers \"")
          .append(String.join(", ", n.exposedHeaders()))
          .append("\" always;\n");
    }
    if (!n.anyOrigin()) {
      b.append(indent).append("add_header Vary Origin always;\n");
    }
  }

  private static String spring(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("package ").append(SPRING_PACKAGE).append(";\n\n");
    b.append("import java.util.List;\n");
    b.append("import org.springframework.boot.web.servlet.FilterRegistrationBean;\n");
    b.append("import org.springframework.context.annotation.Bean;\n");
    b.append("import org.springframework.context.annotation.Configuration;\n");
    b.append("import org.springframework.core.Ordered;\n");
    b.append("import org.springframework.web.cors.CorsConfiguration;\n");
    b.append("import org.springframework.web.cors.UrlBasedCorsConfigurationSource;\n");
    b.append("import org.springframework.web.filter.CorsFilter;\n\n");
    b.append("/** CORS first: before Spring Security and HandlerInterceptors (preflights carry no");
    b.append(" credentials). */\n");
    b.append("@Configuration\npublic class CorsConfig {\n");
    b.append("  @Bean\n  public FilterRegistrationBean<CorsFilter> corsFilterRegistration() {\n");
    b.append("    CorsConfiguration cors = new CorsConfiguration();\n");
    b.append("    cors.setAllowedOrigins(List.of(").append(list(n.origins(), Stacks::dq));
    b.append("));\n");
    b.append("    cors.setAllowedMethods(List.of(")
        .append(list(withDefaults(USUAL_METHODS, n.methods()), Stacks::dq))
        .append("));\n");
    b.append("    cors.setAllowedHeaders(List.of(\"*\")); // every header the page asks for\n");
    if (!n.exposedHeaders().isEmpty()) {
      b.append("    cors.setExposedHeaders(List.of(")
          .append(list(n.exposedHeaders(), Stacks::dq))
          .append("));\n");
    }
    if (n.credentials()) {
      b.append("    cors.setAllowCredentials(true);\n");
    }
    b.append(
        "    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();\n");
    b.append("    source.registerCorsConfiguration(\"/**\", cors);\n");
    b.append("    FilterRegistrationBean<CorsFilter> bean =\n");
    b.append("        new FilterRegistrationBean<>(new CorsFilter(source));\n");
    b.append("    bean.setOrder(Ordered.HIGHEST_PRECEDENCE);\n");
    b.append("    return bean;\n  }\n}");
    return b.toString();
  }

  private static String corsair(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("CORS_ALLOWED_ORIGINS=").append(String.join(",", n.origins())).append('\n');
    b.append("CORS_ALLOWED_METHODS=")
        .append(String.join(",", withDefaults(USUAL_METHODS, n.methods())))
        .append('\n');
    b.append("CORS_ALLOWED_HEADERS=")
        .append(String.join(",", headersAfter(List.of("Content-Type"), n.headers())))
        .append('\n');
    if (!n.exposedHeaders().isEmpty()) {
      b.append("CORS_EXPOSED_HEADERS=").append(String.join(",", n.exposedHeaders())).append('\n');
    }
    if (n.credentials()) {
      b.append("CORS_ALLOW_CREDENTIALS=true\n");
    }
    b.append("# in front of a backend you cannot change: corsair gateway --upstream URL\n");
    b.append("# in Java: new CorsHttpFilter(CorsPolicy.fromEnvironment(System.getenv()))");
    return b.toString();
  }

  private static List<String> lower(List<String> names) {
    List<String> out = new ArrayList<>();
    for (String s : names) {
      out.add(s.toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
