package dev.corsair;

import java.io.IOException;

/**
 * The response side a front end lends the engine: read and write its headers, and send a preflight
 * answer the engine made. The engine never commits a response except through {@link #send}.
 */
public interface CorsResponse {
  /**
   * The current value of the response header {@code name}, lines joined with {@code ", "}; null
   * when absent.
   */
  String header(String name);

  /** Sets (replaces) the response header {@code name}. */
  void setHeader(String name, String value);

  /** Removes every line of the response header {@code name}. */
  void removeHeader(String name);

  /**
   * The names of the response headers currently set, so that foreign {@code Access-Control-*} ones
   * can be found.
   */
  Iterable<String> headerNames();

  /**
   * Completes a preflight answer: the status and the body (possibly empty), the headers being
   * already set, {@code Content-Type} included when there is a body.
   */
  void send(int status, byte[] body) throws IOException;
}
