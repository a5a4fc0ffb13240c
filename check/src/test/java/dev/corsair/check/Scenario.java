package dev.corsair.check;

import dev.corsair.check.ScenarioServer.Hit;
import dev.corsair.check.ScenarioServer.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One agreement scenario: a request shape (what the page calls) and a server behaviour (a script
 * from request to reply). Values may use {page}, {a127}, {b127}, {bLocal} and {s} (the scenario's
 * path prefix).
 */
final class Scenario {
  final String name;
  final String target;
  final String method;
  final List<String[]> headers;
  final boolean credentials;
  final Function<Hit, Reply> script;

  private Scenario(
      String name,
      String target,
      String method,
      List<String[]> headers,
      boolean credentials,
      Function<Hit, Reply> script) {
    this.name = name;
    this.target = target;
    this.method = method;
    this.headers = headers;
    this.credentials = credentials;
    this.script = script;
  }

  @Override
  public String toString() {
    return name;
  }

  /** A request shape, built fluently. */
  static final class Call {
    String target = "{a127}";
    String method = "GET";
    final List<String[]> headers = new ArrayList<>();
    boolean credentials;

    Call method(String m) {
      method = m;
      return this;
    }

    Call h(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    Call creds() {
      credentials = true;
      return this;
    }

    Call at(String base) {
      target = base;
      return this;
    }
  }

  static Call call(String method) {
    return new Call().method(method);
  }

  static Scenario of(String name, Call c, Function<Hit, Reply> script) {
    return new Scenario(name, c.target, c.method, List.copyOf(c.headers), c.credentials, script);
  }
}
