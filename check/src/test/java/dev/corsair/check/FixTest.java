package dev.corsair.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corsair.check.Browser.Outcome;
import dev.corsair.check.Http.Field;
import dev.corsair.check.Http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fix a blocked call gets: page bugs first, what the server already allows kept, per stack. */
class FixTest {
  static final String PAGE = "http://localhost:5173";
  static final String URL = "http://127.0.0.1:3000/api/items/7";

  static Response response(int status, String... nameValues) {
    List<Field> h = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      h.add(new Field(nameValues[i], nameValues[i + 1]));
    }
    return new Response(status, h);
  }

  /**
   * Runs a call against a server that answers preflights with one response, others with another.
   */
  static Outcome run(Fetch f, Response preflight, Response actual) {
    return new Browser(r -> r.method().equals("OPTIONS") ? preflight : actual).fetch(f);
  }

  static Fetch call(String method, boolean credentials, String... headers) {
    List<Field> h = new ArrayList<>();
    for (String s : headers) {
      h.add(new Field(s.substring(0, s.indexOf(':')), s.substring(s.indexOf(':') + 1)));
    }
    return Fetch.of(URL, PAGE, method, h, credentials);
  }

  static final Response NOTHING = response(204);

  static Stream<Arguments> kept() {
    return Stream.of(
        Arguments.of(
            "a DELETE allowed before stays in the methods",
            call("PUT", false, "X-Api-Key: k"),
            response(
                204,
                "Access-Control-Allow-Origin",
                PAGE,
                "Access-Control-Allow-Methods",
                "GET, POST, DELETE"),
            new Stacks.Need(
                List.of(PAGE),
                List.of("GET", "POST", "DELETE", "PUT"),
                List.of("X-Api-Key"),
                false,
                List.of(),
                null,
                "/api/items/7")),
        Arguments.of(
            "headers and credentials allowed before stay",
            call("PUT", false, "X-Api-Key: k"),
            response(
                204,
                "Access-Control-Allow-Origin",
                PAGE,
                "Access-Control-Allow-Credentials",
                "true",
                "Access-Control-Allow-Headers",
                "Authorization, X-Trace"),
            new Stacks.Need(
                List.of(PAGE),
                List.of("GET", "POST", "PUT"),
                List.of("Authorization", "X-Trace", "X-Api-Key"),
                true,
                List.of(),
                null,
                "/api/items/7")),
        Arguments.of(
            "the origin allowed before stays beside the page's",
            call("GET", false),
            response(204),
            new Stacks.Need(
                List.of(PAGE, "http://localhost:3001"),
                List.of("GET", "POST"),
                List.of(),
                false,
                List.of(),
                null,
                "/api/items/7")),
        Arguments.of(
            "a lower-case method is fixed in the page and allowed upper-case",
            call("patch", false),
            response(
                204,
                "Access-Control-Allow-Origin",
                PAGE,
                "Access-Control-Allow-Methods",
                "GET, POST, PATCH"),
            new Stacks.Need(
                List.of(PAGE),
                List.of("GET", "POST", "PATCH"),
                List.of(),
                false,
                List.of(),
                "PATCH",
                "/api/items/7")),
        Arguments.of(
            "any origin without credentials stays any origin",
            call("PUT", false, "X-Api-Key: k"),
            response(204, "Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "*"),
            new Stacks.Need(
                List.of("*"),
                List.of("GET", "POST", "HEAD", "PUT", "PATCH", "DELETE"),
                List.of("X-Api-Key"),
                false,
                List.of(),
                null,
                "/api/items/7")),
        Arguments.of(
            "with credentials the page's origin replaces *",
            call("GET", true),
            response(204),
            new Stacks.Need(
                List.of(PAGE),
                List.of("GET", "POST"),
                List.of(),
                true,
                List.of(),
                null,
                "/api/items/7")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kept")
  void theFixKeepsWhatTheServerAlreadyAllows(
      String desc, Fetch f, Response preflight, Stacks.Need expected) {
    Response actual =
        desc.contains("origin allowed before")
            ? response(200, "Access-Control-Allow-Origin", "http://localhost:3001")
            : desc.contains("credentials the page")
                ? response(200, "Access-Control-Allow-Origin", "*")
                : response(200);
    Outcome o = run(f, preflight, actual);
    assertThat(o.allowed()).isFalse();
    assertThat(Advice.need(f, o)).isEqualTo(expected);
  }

  @Test
  void anOriginThatIsAMisspellingOfThePagesIsNotKept() {
    Fetch f = call("GET", false);
    Outcome o = run(f, NOTHING, response(200, "Access-Control-Allow-Origin", PAGE + "/"));
    assertThat(Advice.need(f, o).origins()).containsExactly(PAGE);
    o = run(f, NOTHING, response(200, "Access-Control-Allow-Origin", "HTTP://LOCALHOST:5173"));
    assertThat(Advice.need(f, o).origins()).containsExactly(PAGE);
  }

  static Stream<String> stacks() {
    return Stacks.NAMES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stacks")
  void aLowerCaseMethodIsThePagesBugOnEveryStack(String stack) {
    Fetch f = call("patch", false);
    Outcome o =
        run(
            f,
            response(
                204,
                "Access-Control-Allow-Origin",
                PAGE,
                "Access-Control-Allow-Methods",
                "GET, POST, PATCH"),
            response(200));
    assertThat(Advice.reason(f, o)).startsWith("The page sends the method 'patch' in lower case");
    assertThat(Advice.fixes(f, o).get(0)).startsWith("In the page").contains("method: 'PATCH'");
    Stacks.Fix fix = Stacks.fix(stack, Advice.need(f, o));
    assertThat(fix.notes().get(0)).startsWith("First fix the page").contains("'PATCH'");
    assertThat(fix.notes()).hasSize(3);
    assertThat(fix.snippet()).doesNotContain("'patch'").doesNotContain("\"patch\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stacks")
  void everyStackSaysWhereItsFixGoes(String stack) {
    Stacks.Fix fix =
        Stacks.fix(
            stack,
            new Stacks.Need(
                List.of(PAGE),
                List.of("GET", "POST", "PUT"),
                List.of(),
                false,
                List.of(),
                null,
                "/api/items/7"));
    assertThat(fix.stack()).isEqualTo(stack);
    assertThat(fix.notes()).hasSize(2);
    assertThat(fix.notes().get(0)).startsWith("Add to the origins any other origin");
    assertThat(fix.snippet()).contains(PAGE);
  }

  static final Stacks.Need NEED =
      new Stacks.Need(
          List.of(PAGE, "http://localhost:3001"),
          List.of("GET", "POST", "PURGE"),
          List.of("X-Api-Key"),
          true,
          List.of("X-Total"),
          null,
          "/api/items/7");

  static Stream<Arguments> snippets() {
    return Stream.of(
        Arguments.of("express", "const cors = require('cors');"),
        Arguments.of(
            "express",
            "origin: ['http://localhost:5173', 'http://localhost:3001'],\n"
                + "  methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'PURGE'],"),
        Arguments.of("fastapi", "from fastapi.middleware.cors import CORSMiddleware"),
        Arguments.of(
            "fastapi",
            "allow_methods=[\"GET\", \"HEAD\", \"POST\", \"PUT\", \"PATCH\", \"DELETE\", \"PURGE\"],"),
        Arguments.of("flask", "from flask_cors import CORS"),
        Arguments.of("flask", "supports_credentials=True"),
        Arguments.of("django", "if \"corsheaders\" not in INSTALLED_APPS:"),
        Arguments.of("django", "CORS_ALLOW_METHODS = [*default_methods, \"PURGE\"]"),
        Arguments.of("django", "CORS_ALLOW_HEADERS = [*default_headers, \"x-api-key\"]"),
        Arguments.of("django", "CORS_EXPOSE_HEADERS = [\"X-Total\"]"),
        Arguments.of("rails", "Rails.application.config.middleware.insert_before 0, Rack::Cors do"),
        Arguments.of("rails", "origins \"http://localhost:5173\", \"http://localhost:3001\""),
        Arguments.of("rails", "methods: [:get, :head, :post, :put, :patch, :delete, :purge]"),
        Arguments.of("nginx", "location /api/ {"),
        Arguments.of("nginx", "proxy_pass http://UPSTREAM;"),
        Arguments.of("nginx", "if ($http_origin = \"http://localhost:3001\") {"),
        Arguments.of("nginx", "proxy_hide_header Access-Control-Allow-Origin;"),
        Arguments.of("spring", "package com.example;"),
        Arguments.of("spring", "import org.springframework.web.filter.CorsFilter;"),
        Arguments.of("spring", "bean.setOrder(Ordered.HIGHEST_PRECEDENCE);"),
        Arguments.of(
            "spring",
            "cors.setAllowedMethods(List.of(\"GET\", \"HEAD\", \"POST\", \"PUT\", \"PATCH\", \"DELETE\", \"PURGE\"));"),
        Arguments.of("corsair", "CORS_ALLOWED_ORIGINS=http://localhost:5173,http://localhost:3001"),
        Arguments.of("corsair", "CORS_ALLOWED_METHODS=GET,HEAD,POST,PUT,PATCH,DELETE,PURGE"),
        Arguments.of("corsair", "CORS_ALLOWED_HEADERS=Content-Type,X-Api-Key"),
        Arguments.of("corsair", "CORS_EXPOSED_HEADERS=X-Total"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("snippets")
  void snippetsAreCompleteAsPrinted(String stack, String line) {
    assertThat(Stacks.fix(stack, NEED).snippet()).contains(line);
  }

  static Stream<Arguments> defaultsKept() {
    return Stream.of(
        Arguments.of("django", "\"PUT\""),
        Arguments.of("express", "allowedHeaders: ["),
        Arguments.of("flask", "allow_headers=["),
        Arguments.of("spring", "List.of(\"X-Api-Key\")"),
        Arguments.of("rails", "headers: [")); // what they allow by default is not narrowed
  }

  @ParameterizedTest(name = "{0} does not print {1}")
  @MethodSource("defaultsKept")
  void aStackDefaultThatCoversTheCallIsNotNarrowed(String stack, String absent) {
    Stacks.Need n =
        new Stacks.Need(
            List.of(PAGE),
            List.of("GET", "POST", "PUT"),
            List.of("X-Api-Key"),
            false,
            List.of(),
            null,
            "/api");
    assertThat(Stacks.fix(stack, n).snippet()).doesNotContain(absent);
  }

  @Test
  void nginxLocationIsTheFirstDirectoryOfThePath() {
    assertThat(Stacks.nginxLocation("/api/items/7")).isEqualTo("/api/");
    assertThat(Stacks.nginxLocation("/hello")).isEqualTo("/hello");
    assertThat(Stacks.nginxLocation("/")).isEqualTo("/");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonCarriesTheStacksFix() {
    Fetch f = call("PUT", false, "X-Api-Key: k");
    Outcome o = run(f, NOTHING, response(200));
    Map<String, Object> json = CheckCommand.toJson(f, o, "flask");
    Map<String, Object> fix = (Map<String, Object>) json.get("fix");
    Stacks.Fix expected = Stacks.fix("flask", Advice.need(f, o));
    assertThat(fix)
        .containsEntry("stack", "flask")
        .containsEntry("snippet", expected.snippet())
        .containsEntry("notes", new ArrayList<Object>(expected.notes()));
    assertThat(CheckCommand.toJson(f, o, null)).doesNotContainKey("fix");
  }
}
