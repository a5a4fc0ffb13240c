package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code corsair dev}: one origin for the front end's files and its APIs. */
class DevProxyIT {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @TempDir static Path site;
  static Backend backend;
  static WsEcho ws;
  static ProxyServer dev;
  static URI base;

  @BeforeAll
  static void start() throws Exception {
    Files.writeString(site.resolve("index.html"), "<!doctype html><title>app</title>");
    Files.createDirectories(site.resolve("assets"));
    Files.writeString(site.resolve("assets/app.js"), "console.log('app')");
    backend = new Backend();
    ws = new WsEcho();
    DevCommand.Options o =
        DevCommand.Options.parse(
            List.of(
                "--proxy",
                "/api=" + backend.uri(),
                "--proxy",
                "/v2:/=" + backend.uri(),
                "--proxy",
                "/ws=" + ws.uri(),
                "--static",
                site.toString(),
                "--listen",
                "127.0.0.1:0"));
    dev =
        DevCommand.start(
            o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    base = URI.create("http://127.0.0.1:" + dev.address().getPort());
  }

  @AfterAll
  static void stop() {
    dev.close();
    ws.close();
    backend.close();
  }

  static HttpResponse<String> get(String path, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (accept != null) {
      b.header("Accept", accept);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesFilesAndIndexHtmlForClientRoutes() throws Exception {
    HttpResponse<String> js = get("/assets/app.js", null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    HttpResponse<String> route = get("/settings/profile", "text/html,*/*");
    assertThat(route.statusCode()).isEqualTo(200);
    assertThat(route.body()).contains("<title>app</title>");
    assertThat(get("/missing.png", "image/*").statusCode()).isEqualTo(404);
    assertThat(get("/../../etc/passwd", null).statusCode()).isEqualTo(404);
  }

  @Test
  void forwardsPrefixesKeepingOrRewritingThePath() throws Exception {
    HttpResponse<String> kept = get("/api/items?x=1", null);
    assertThat(kept.headers().firstValue("X-App")).contains("reached");
    assertThat(backend.lastHeaders.get().get("Host"))
        .containsExactly("127.0.0.1:" + backend.uri().getPort());
    HttpResponse<String> rewritten = get("/v2/upload", null);
    assertThat(rewritten.body()).isEqualTo("0"); // /v2/upload arrived as /upload
  }

  @Test
  void rewritesCookieDomainAndRedirectLocationForTheDevOrigin() throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            HttpRequest.newBuilder(base.resolve("/v2/redirect")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.headers().firstValue("Location")).contains(base + "/v2/api/landing?x=1");
    assertThat(r.headers().allValues("Set-Cookie")).containsExactly("sid=abc; Path=/; HttpOnly");
  }

  @Test
  void forwardsWebSockets() throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    WebSocket socket =
        CLIENT
            .newWebSocketBuilder()
            .header("Origin", "http://localhost:5173")
            .buildAsync(
                URI.create("ws://127.0.0.1:" + base.getPort() + "/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket w, CharSequence d, boolean last) {
                    reply.complete(d.toString());
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
    socket.sendText("hmr", true);
    assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("echo: hmr");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
  }
}
