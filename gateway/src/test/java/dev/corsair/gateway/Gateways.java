package dev.corsair.gateway;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts in-process gateways on an ephemeral loopback port for the tests. */
final class Gateways {
  private Gateways() {}

  /** A started gateway and what it logged. */
  static final class Started implements AutoCloseable {
    final GatewayCommand.Running running;
    final ByteArrayOutputStream log;

    Started(GatewayCommand.Running running, ByteArrayOutputStream log) {
      this.running = running;
      this.log = log;
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + running.server.address().getPort());
    }

    String log() {
      return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      running.close();
    }
  }

  static Started start(Map<String, String> env, URI upstream, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--upstream", upstream.toString()));
    args.add("--listen");
    args.add("127.0.0.1:0");
    args.addAll(List.of(more));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(log, true, StandardCharsets.UTF_8);
    return new Started(GatewayCommand.start(GatewayCommand.Options.parse(args), env, err), log);
  }
}
