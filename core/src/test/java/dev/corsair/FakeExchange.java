package dev.corsair;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An in-memory request and response for the front-end API: header names case-insensitive as in
 * HTTP, several lines per request header, and a record of what the engine sent.
 */
final class FakeExchange {
  final String method;
  final String path;
  private final Map<String, List<String>> requestHeaders = new LinkedHashMap<>();

  /** Request header names the engine asked for, lower case, in order. */
  final List<String> read = new ArrayList<>();

  /** Response headers by lower-case name: {name as set, value}. */
  private final Map<String, String[]> responseHeaders = new LinkedHashMap<>();

  int sentStatus = -1;
  String sentBody;

  FakeExchange(String method, String path) {
    this.method = method;
    this.path = path;
  }

  /** Adds one line of a request header. */
  FakeExchange with(String name, String value) {
    requestHeaders
        .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
        .add(value);
    return this;
  }

  /** Sets a response header as the application would, before or after the engine. */
  FakeExchange responding(String name, String value) {
    response.setHeader(name, value);
    return this;
  }

  /** The response header {@code name}, or null. */
  String responseHeader(String name) {
    return response.header(name);
  }

  /** Every response header as {@code Name: value}, in the order set. */
  List<String> responseLines() {
    List<String> out = new ArrayList<>();
    responseHeaders.values().forEach(h -> out.add(h[0] + ": " + h[1]));
    return out;
  }

  final CorsRequest request =
      new CorsRequest() {
        @Override
        public String method() {
          return method;
        }

        @Override
        public String path() {
          return path;
        }

        @Override
        public Iterator<String> headers(String name) {
          String key = name.toLowerCase(Locale.ROOT);
          read.add(key);
          List<String> lines = requestHeaders.get(key);
          return lines == null ? null : lines.iterator();
        }
      };

  final CorsResponse response =
      new CorsResponse() {
        @Override
        public String header(String name) {
          String[] h = responseHeaders.get(name.toLowerCase(Locale.ROOT));
          return h == null ? null : h[1];
        }

        @Override
        public void setHeader(String name, String value) {
          responseHeaders.put(name.toLowerCase(Locale.ROOT), new String[] {name, value});
        }

        @Override
        public void removeHeader(String name) {
          responseHeaders.remove(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public Iterable<String> headerNames() {
          List<String> names = new ArrayList<>();
          responseHeaders.values().forEach(h -> names.add(h[0]));
          return names;
        }

        @Override
        public void send(int status, byte[] body) {
          if (sentStatus != -1) {
            throw new IllegalStateException("sent twice");
          }
          sentStatus = status;
          sentBody = new String(body, StandardCharsets.UTF_8);
        }
      };
}
