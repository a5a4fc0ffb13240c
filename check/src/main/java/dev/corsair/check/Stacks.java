package dev.corsair.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The fix written as configuration for a server stack ({@code --stack NAME}). */
final class Stacks {
  private Stacks() {}

  static final List<String> NAMES =
      List.of("express", "fastapi", "flask", "django", "laravel", "nginx", "spring", "corsair");

  /** What the server must allow for the call to pass. */
  record Need(String origin, List<String> methods, List<String> headers, boolean credentials) {
    Need {
      methods = List.copyOf(methods);
      headers = List.copyOf(headers);
    }
  }

  static String render(String stack, Need n) {
    switch (stack) {
      case "express":
        return express(n);
      case "fastapi":
        return fastapi(n);
      case "flask":
        return flask(n);
      case "django":
        return django(n);
      case "laravel":
        return laravel(n);
      case "nginx":
        return nginx(n);
      case "spring":
        return spring(n);
      case "corsair":
        return corsair(n);
      default:
        throw new IllegalArgumentException(stack);
    }
  }

  private static String list(List<String> items, Function<String, String> quote) {
    List<String> q = new ArrayList<>();
    for (String s : items) {
      q.add(quote.apply(s));
    }
    return String.join(", ", q);
  }

  private static String sq(String s) {
    return "'" + s + "'";
  }

  private static String dq(String s) {
    return "\"" + s + "\"";
  }

  private static String express(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("// npm install cors\n");
    b.append("const cors = require('cors');\n");
    b.append("app.use(cors({          // before your routes and auth middleware\n");
    b.append("  origin: ").append(sq(n.origin())).append(",\n");
    b.append("  methods: [").append(list(n.methods(), Stacks::sq)).append("],\n");
    if (!n.headers().isEmpty()) {
      b.append("  allowedHeaders: [").append(list(n.headers(), Stacks::sq)).append("],\n");
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
    b.append("    allow_origins=[").append(dq(n.origin())).append("],\n");
    b.append("    allow_methods=[").append(list(n.methods(), Stacks::dq)).append("],\n");
    if (!n.headers().isEmpty()) {
      b.append("    allow_headers=[").append(list(n.headers(), Stacks::dq)).append("],\n");
    }
    if (n.credentials()) {
      b.append("    allow_credentials=True,\n");
    }
    b.append(")");
    return b.toString();
  }

  private static String flask(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("# pip install flask-cors\nfrom flask_cors import CORS\n\n");
    b.append("CORS(app,\n     origins=[").append(dq(n.origin())).append("],\n");
    b.append("     methods=[").append(list(n.methods(), Stacks::dq)).append("]");
    if (!n.headers().isEmpty()) {
      b.append(",\n     allow_headers=[").append(list(n.headers(), Stacks::dq)).append("]");
    }
    if (n.credentials()) {
      b.append(",\n     supports_credentials=True");
    }
    b.append(")");
    return b.toString();
  }

  private static String django(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("# pip install django-cors-headers; settings.py:\n");
    b.append("INSTALLED_APPS += [\"corsheaders\"]\n");
    b.append("MIDDLEWARE.insert(0, \"corsheaders.middleware.CorsMiddleware\")  # first\n");
    b.append("CORS_ALLOWED_ORIGINS = [").append(dq(n.origin())).append("]\n");
    b.append("CORS_ALLOW_METHODS = [").append(list(n.methods(), Stacks::dq)).append("]\n");
    if (!n.headers().isEmpty()) {
      b.append("from corsheaders.defaults import default_headers\n");
      b.append("CORS_ALLOW_HEADERS = (*default_headers, ")
          .append(list(lower(n.headers()), Stacks::dq))
          .append(")\n");
    }
    if (n.credentials()) {
      b.append("CORS_ALLOW_CREDENTIALS = True\n");
    }
    return b.toString().stripTrailing();
  }

  private static String laravel(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("// config/cors.php (php artisan config:publish cors)\nreturn [\n");
    b.append("    'paths' => ['api/*'],\n");
    b.append("    'allowed_origins' => [").append(sq(n.origin())).append("],\n");
    b.append("    'allowed_methods' => [").append(list(n.methods(), Stacks::sq)).append("],\n");
    b.append("    'allowed_headers' => [")
        .append(list(n.headers().isEmpty() ? List.of("Content-Type") : n.headers(), Stacks::sq))
        .append("],\n");
    b.append("    'supports_credentials' => ").append(n.credentials()).append(",\n");
    b.append("];");
    return b.toString();
  }

  private static String nginx(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("location /api/ {\n");
    b.append("    if ($request_method = OPTIONS) {\n");
    nginxHeaders(b, n, "        ", true);
    b.append("        return 204;\n    }\n");
    nginxHeaders(b, n, "    ", false);
    b.append("    proxy_pass http://backend;\n}");
    return b.toString();
  }

  private static void nginxHeaders(StringBuilder b, Need n, String indent, boolean preflight) {
    b.append(indent)
        .append("add_header Access-Control-Allow-Origin \"")
        .append(n.origin())
        .append("\" always;\n");
    if (n.credentials()) {
      b.append(indent).append("add_header Access-Control-Allow-Credentials \"true\" always;\n");
    }
    if (preflight) {
      b.append(indent)
          .append("add_header Access-Control-Allow-Methods \"")
          .append(String.join(", ", n.methods()))
          .append("\" always;\n");
      if (!n.headers().isEmpty()) {
        b.append(indent)
            .append("add_header Access-Control-Allow-Headers \"")
            .append(String.join(", ", n.headers()))
            .append("\" always;\n");
      }
    }
    b.append(indent).append("add_header Vary Origin always;\n");
  }

  private static String spring(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("@Configuration\nclass CorsConfig implements WebMvcConfigurer {\n");
    b.append("  @Override\n  public void addCorsMappings(CorsRegistry registry) {\n");
    b.append("    registry.addMapping(\"/**\")\n");
    b.append("        .allowedOrigins(").append(dq(n.origin())).append(")\n");
    b.append("        .allowedMethods(").append(list(n.methods(), Stacks::dq)).append(")");
    if (!n.headers().isEmpty()) {
      b.append("\n        .allowedHeaders(").append(list(n.headers(), Stacks::dq)).append(")");
    }
    if (n.credentials()) {
      b.append("\n        .allowCredentials(true)");
    }
    b.append(";\n  }\n}\n// with Spring Security, also call http.cors(Customizer.withDefaults())");
    return b.toString();
  }

  private static String corsair(Need n) {
    StringBuilder b = new StringBuilder();
    b.append("CORS_ALLOWED_ORIGINS=").append(n.origin()).append('\n');
    b.append("CORS_ALLOWED_METHODS=").append(String.join(",", n.methods())).append('\n');
    b.append("CORS_ALLOWED_HEADERS=").append(String.join(",", n.headers())).append('\n');
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
