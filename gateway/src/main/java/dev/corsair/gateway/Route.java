package dev.corsair.gateway;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.file.Path;

/**
 * Where one request goes: an upstream (with the request target to send it) or a local file.
 *
 * @param upstream the upstream, or null for a local response
 * @param target the request target to send upstream ({@code /path?query})
 * @param rewriter adjusts the upstream's response headers (the dev proxy's cookie and redirect
 *     rewriting), or null
 * @param file the file to serve when {@code upstream} is null, or null for a 404
 */
record Route(Upstream upstream, String target, ResponseRewriter rewriter, Path file) {

  /** Adjusts an upstream response's headers for the client. */
  @FunctionalInterface
  interface ResponseRewriter {
    /**
     * @param headers the response headers, to change in place
     * @param clientOrigin the origin the client used ({@code http://} + its Host header)
     */
    void rewrite(HttpHeaders headers, String clientOrigin);
  }

  /** Picks the route of a request. */
  @FunctionalInterface
  interface Router {
    /**
     * @param target the request target as sent ({@code /path?query})
     * @param path its path, without the query
     * @param method the request method
     * @param accept the {@code Accept} header, or null
     */
    Route route(String target, String path, String method, String accept);
  }
}
