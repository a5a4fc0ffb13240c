package dev.corsair;

import java.util.Iterator;

/**
 * The request side a front end lends the engine: the method, the path and the request headers, read
 * straight from the server's own request object (nothing is copied).
 */
public interface CorsRequest {
  /** The request method, as sent. */
  String method();

  /**
   * The request path as sent, without the query (for servlets: after the context path); {@code
   * cors.paths} patterns are matched against it.
   */
  String path();

  /**
   * Every field line of the request header {@code name} (matched case-insensitively), in the order
   * received; null or an empty iterator when the header is absent. The engine joins several lines
   * itself.
   */
  Iterator<String> headers(String name);
}
