package dev.corsair.benchmarks;

import dev.corsair.CorsDecision;
import dev.corsair.CorsEngine;
import dev.corsair.CorsRequest;
import dev.corsair.CorsResponse;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * corsair's engine alone: {@link CorsEngine#handle} with a lean request and response that keep
 * their headers in arrays and reset without allocating, without any server API.
 */
final class EngineFixture extends Fixture implements CorsRequest, CorsResponse {
  private static final int MAX_HEADERS = 16;

  private final CorsEngine engine;
  private final OneLine line = new OneLine();
  private final String[] names = new String[MAX_HEADERS];
  private final String[] values = new String[MAX_HEADERS];
  private int headers;
  private int sent;
  private CorsDecision last;

  EngineFixture(Scenario s) {
    super(s);
    this.engine = CorsEngine.of(BenchPolicy.corsair(s));
  }

  @Override
  int run() throws Exception {
    headers = 0;
    sent = 0;
    CorsDecision d = engine.handle(this, this);
    last = d;
    return d.status();
  }

  // ---------------------------------------------------------------- CorsRequest

  @Override
  public String method() {
    return scenario.method;
  }

  @Override
  public String path() {
    return Scenario.PATH;
  }

  @Override
  public Iterator<String> headers(String name) {
    String value =
        name.equalsIgnoreCase("Origin")
            ? scenario.origin
            : name.equalsIgnoreCase("Access-Control-Request-Method")
                ? scenario.requestMethod
                : name.equalsIgnoreCase("Access-Control-Request-Headers")
                    ? scenario.requestHeaders
                    : null;
    return value == null ? null : line.of(value);
  }

  // ---------------------------------------------------------------- CorsResponse

  @Override
  public String header(String name) {
    int i = find(name);
    return i < 0 ? null : values[i];
  }

  @Override
  public void setHeader(String name, String value) {
    int i = find(name);
    if (i < 0) {
      i = headers++;
      names[i] = name;
    }
    values[i] = value;
  }

  @Override
  public void removeHeader(String name) {
    int i = find(name);
    if (i >= 0) {
      headers--;
      names[i] = names[headers];
      values[i] = values[headers];
    }
  }

  @Override
  public Iterable<String> headerNames() {
    return headers == 0 ? List.of() : List.of(names).subList(0, headers);
  }

  @Override
  public void send(int status, byte[] body) {
    sent = status;
  }

  private int find(String name) {
    for (int i = 0; i < headers; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- Observed

  @Override
  public boolean reachedApp() {
    return !last.isPreflight();
  }

  @Override
  public int status() {
    return last.isPreflight() ? sent : 200;
  }

  @Override
  public int count(String name) {
    return find(name) < 0 ? 0 : 1;
  }

  /** One header line, reused for every request header the engine reads. */
  private static final class OneLine implements Iterator<String> {
    private String value;

    Iterator<String> of(String v) {
      value = v;
      return this;
    }

    @Override
    public boolean hasNext() {
      return value != null;
    }

    @Override
    public String next() {
      String v = value;
      if (v == null) {
        throw new NoSuchElementException();
      }
      value = null;
      return v;
    }
  }
}
