package dev.corsair.gateway;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsHeaders;
import dev.corsair.CorsRequest;
import dev.corsair.CorsResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The gateway's adapter of the engine's front-end API: Netty request headers in, Netty response
 * headers out. The engine joins header lines, answers preflights, replaces foreign {@code
 * Access-Control-*} headers and merges {@code Vary}; nothing of that is done here.
 */
final class GatewayCors {
  private static final String CORS_PREFIX = "access-control-";

  // The engine's header names as Netty keys: an AsciiString keeps its hash, where a String name is
  // hashed again on every look-up and write (same spelling, so the names on the wire do not
  // change).
  private static final AsciiString REQUEST_METHOD = AsciiString.cached(CorsHeaders.REQUEST_METHOD);
  private static final AsciiString REQUEST_HEADERS =
      AsciiString.cached(CorsHeaders.REQUEST_HEADERS);
  private static final AsciiString REQUEST_PRIVATE_NETWORK =
      AsciiString.cached(CorsHeaders.REQUEST_PRIVATE_NETWORK);
  private static final AsciiString ALLOW_ORIGIN = AsciiString.cached(CorsHeaders.ALLOW_ORIGIN);
  private static final AsciiString ALLOW_CREDENTIALS =
      AsciiString.cached(CorsHeaders.ALLOW_CREDENTIALS);
  private static final AsciiString ALLOW_METHODS = AsciiString.cached(CorsHeaders.ALLOW_METHODS);
  private static final AsciiString ALLOW_HEADERS = AsciiString.cached(CorsHeaders.ALLOW_HEADERS);
  private static final AsciiString MAX_AGE = AsciiString.cached(CorsHeaders.MAX_AGE);
  private static final AsciiString VARY = AsciiString.cached(CorsHeaders.VARY);

  private GatewayCors() {}

  /**
   * The engine's decision for a request whose {@code Origin} lines {@link #origin} already read and
   * joined (the engine joins them the same way, so it is given that value, not a second look-up).
   */
  static CorsDecision decide(
      CorsEngine engine, String method, String path, HttpHeaders headers, String origin) {
    return engine.decide(new Request(method, path, headers, origin));
  }

  /** The complete answer to a preflight. */
  static FullHttpResponse preflight(CorsDecision decision) {
    Response r = new Response(LocalAnswers.newHeaders());
    try {
      decision.answerPreflight(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // Response.send does no I/O
    }
    return r.answer;
  }

  /** Puts the decision on a response (the upstream's or one made here), before it is written. */
  static void apply(CorsDecision decision, HttpHeaders headers) {
    decision.applyTo(new Response(headers));
  }

  /**
   * The request's origin as the access log shows it and the engine reads it (lines joined), or
   * null.
   */
  static String origin(HttpHeaders h) {
    List<String> values = h.getAll(HttpHeaderNames.ORIGIN);
    if (values.isEmpty()) {
      return null;
    }
    return values.size() == 1 ? values.get(0) : String.join(", ", values);
  }

  /** The Netty key for a header name the engine passes (its constants), else the name itself. */
  private static CharSequence key(String name) {
    if (name == CorsHeaders.REQUEST_METHOD) return REQUEST_METHOD;
    if (name == CorsHeaders.REQUEST_HEADERS) return REQUEST_HEADERS;
    if (name == CorsHeaders.REQUEST_PRIVATE_NETWORK) return REQUEST_PRIVATE_NETWORK;
    if (name == CorsHeaders.ALLOW_ORIGIN) return ALLOW_ORIGIN;
    if (name == CorsHeaders.ALLOW_CREDENTIALS) return ALLOW_CREDENTIALS;
    if (name == CorsHeaders.ALLOW_METHODS) return ALLOW_METHODS;
    if (name == CorsHeaders.ALLOW_HEADERS) return ALLOW_HEADERS;
    if (name == CorsHeaders.MAX_AGE) return MAX_AGE;
    if (name == CorsHeaders.VARY) return VARY;
    return name;
  }

  private record Request(String method, String path, HttpHeaders headers, String origin)
      implements CorsRequest {
    @Override
    public Iterator<String> headers(String name) {
      if (name == CorsHeaders.ORIGIN) {
        return origin == null ? Collections.emptyIterator() : List.of(origin).iterator();
      }
      return headers.valueStringIterator(key(name));
    }
  }

  /** Netty headers as the engine writes them; {@link #send} turns them into a whole answer. */
  private static final class Response implements CorsResponse {
    private final HttpHeaders headers;
    private FullHttpResponse answer;

    Response(HttpHeaders headers) {
      this.headers = headers;
    }

    @Override
    public String header(String name) {
      List<String> all = headers.getAll(key(name));
      if (all.isEmpty()) {
        return null;
      }
      return all.size() == 1 ? all.get(0) : String.join(", ", all);
    }

    @Override
    public void setHeader(String name, String value) {
      headers.set(key(name), value);
    }

    @Override
    public void removeHeader(String name) {
      headers.remove(name);
    }

    /** The {@code Access-Control-*} names only: the engine asks to find foreign ones. */
    @Override
    public Iterable<String> headerNames() {
      List<String> names = null;
      Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
      while (it.hasNext()) {
        CharSequence name = it.next().getKey();
        if (AsciiString.regionMatches(name, true, 0, CORS_PREFIX, 0, CORS_PREFIX.length())) {
          if (names == null) {
            names = new ArrayList<>(4);
          }
          names.add(name.toString());
        }
      }
      return names == null ? List.of() : names;
    }

    @Override
    public void send(int status, byte[] body) {
      answer = LocalAnswers.of(status, body, headers);
    }
  }
}
