package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corsair.CorsEngine;
import dev.corsair.CorsPolicy;
import dev.corsair.CorsRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --refusal-log-window} and {@code --refusal-log-level} configure the engine's log. */
class RefusalLogFlagsTest {
  static final CorsEngine ENGINE =
      CorsEngine.of(CorsPolicy.builder().allowedOrigins("https://app.example.com").build());

  static GatewayCommand.Options options(String... flags) {
    List<String> args = new ArrayList<>(List.of("--upstream", "http://127.0.0.1:1"));
    args.addAll(List.of(flags));
    return GatewayCommand.Options.parse(args);
  }

  /** Log records of the dev.corsair logger while {@code refusals} refused requests are decided. */
  static List<LogRecord> logged(CorsEngine engine, int refusals) {
    List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            records.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger("dev.corsair");
    logger.addHandler(h);
    try {
      for (int i = 0; i < refusals; i++) {
        engine.decide(new Refused());
      }
    } finally {
      logger.removeHandler(h);
    }
    return records;
  }

  record Refused() implements CorsRequest {
    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String path() {
      return "/api";
    }

    @Override
    public Iterator<String> headers(String name) {
      return name.equalsIgnoreCase("Origin")
          ? List.of("https://evil.example").iterator()
          : Collections.emptyIterator();
    }
  }

  @Test
  void levelOffSilencesTheRefusalLog() {
    CorsEngine e = GatewayCommand.withRefusalLog(ENGINE, options("--refusal-log-level", "off"));
    assertThat(logged(e, 3)).isEmpty();
    assertThat(e.refusalCounts().get("ORIGIN_NOT_ALLOWED")).isEqualTo(3);
  }

  @Test
  void windowZeroLogsEveryRefusalInFull() {
    CorsEngine e = GatewayCommand.withRefusalLog(ENGINE, options("--refusal-log-window=0"));
    assertThat(logged(e, 3)).hasSize(3);
  }

  @Test
  void noFlagKeepsTheEngine() {
    assertThat(GatewayCommand.withRefusalLog(ENGINE, options())).isSameAs(ENGINE);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "--refusal-log-window, -1, '--refusal-log-window -1: not a number of seconds'",
    "--refusal-log-level, loud, '--refusal-log-level loud: not a level; write off, error'"
  })
  void badValueNamesTheFlagAndTheFix(String flag, String value, String message) {
    assertThatThrownBy(() -> options(flag, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }
}
