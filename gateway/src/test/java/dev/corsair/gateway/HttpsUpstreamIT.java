package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An https upstream: trusted through {@code --upstream-ca}, refused (502) without it. */
class HttpsUpstreamIT {
  @TempDir Path dir;

  @Test
  void httpsUpstreamIsReachedWithItsCaAndRefusedWithout() throws Exception {
    Path ks = dir.resolve("upstream.p12");
    Path ca = dir.resolve("ca.pem");
    keytool(
        "-genkeypair",
        "-alias",
        "up",
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore",
        ks.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        "up",
        "-file",
        ca.toString(),
        "-keystore",
        ks.toString(),
        "-storepass",
        "changeit");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(ks.toFile())) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext(
        "/",
        ex -> {
          byte[] b = "secure hello".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("X-Host-Seen", ex.getRequestHeaders().getFirst("Host"));
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    URI upstream = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    Map<String, String> policy = Map.of("CORS_ALLOWED_ORIGINS", "https://app.example.com");
    try (Gateways.Started trusted =
            Gateways.start(policy, upstream, "--upstream-ca", ca.toString());
        Gateways.Started untrusted = Gateways.start(policy, upstream)) {
      HttpResponse<String> ok =
          GatewayProxyIT.get(trusted.uri(), "/x", "Origin", "https://app.example.com");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("secure hello");
      assertThat(ok.headers().firstValue("Access-Control-Allow-Origin"))
          .contains("https://app.example.com");
      assertThat(ok.headers().firstValue("X-Host-Seen")).contains(upstream.getAuthority());
      HttpResponse<String> refused =
          GatewayProxyIT.get(untrusted.uri(), "/x", "Origin", "https://app.example.com");
      assertThat(refused.statusCode()).isEqualTo(502);
      assertThat(refused.headers().firstValue("Access-Control-Allow-Origin"))
          .contains("https://app.example.com");
    } finally {
      server.stop(0);
    }
  }

  private static void keytool(String... args) throws Exception {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
