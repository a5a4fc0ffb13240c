package dev.corsair.gateway;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The dev proxy's front end: files under one directory, {@code index.html} for directories, and
 * {@code index.html} again for client-side routes (a GET for an HTML page that names no file).
 */
final class StaticFiles {
  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("htm", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff", "font/woff"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("wasm", "application/wasm"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  private final Path root;

  StaticFiles(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The file for a request path, {@code index.html} for a client-side route, or null for a 404.
   * Never a file outside the root.
   */
  Path resolve(String rawPath, String accept) {
    String decoded = QueryStringDecoder.decodeComponent(rawPath);
    if (decoded.indexOf('\0') >= 0) {
      return null;
    }
    Path p = root.resolve(decoded.startsWith("/") ? decoded.substring(1) : decoded).normalize();
    if (!p.startsWith(root)) {
      return null;
    }
    if (Files.isDirectory(p)) {
      p = p.resolve("index.html");
    }
    if (Files.isRegularFile(p)) {
      return p;
    }
    String last = decoded.substring(decoded.lastIndexOf('/') + 1);
    boolean page = accept == null ? !last.contains(".") : accept.contains("text/html");
    Path index = root.resolve("index.html");
    return page && Files.isRegularFile(index) ? index : null;
  }

  static String contentType(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }
}
