package dev.corsair;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The refusal log explains the first refusal of each kind once and counts the rest. */
class RefusalLogTest {
  private static final long SECOND = 1_000_000_000L;

  private final List<String> logged = new ArrayList<>();
  private final Logger jul = Logger.getLogger("dev.corsair");
  private final java.util.logging.Level saved = jul.getLevel();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (logged) {
            logged.add(r.getLevel() + " " + r.getMessage());
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final AtomicLong now = new AtomicLong(1_000 * SECOND);

  @BeforeEach
  void captureLog() {
    jul.addHandler(capture);
    jul.setLevel(java.util.logging.Level.INFO);
  }

  @AfterEach
  void release() {
    jul.removeHandler(capture);
    jul.setLevel(saved);
  }

  private CorsEngine.Builder engine() {
    return CorsEngine.builder()
        .policy(CorsPolicy.builder().allowedOrigins("https://app.example.com").build())
        .nanoClock(now::get);
  }

  private static CorsRequest get(String origin) {
    return new FakeExchange("GET", "/api/items").with("Origin", origin).request;
  }

  @Test
  void firstRefusalIsLoggedInFullAndRepeatsAreCountedIntoOneSummaryPerWindow() {
    CorsEngine e = engine().build();
    for (int i = 0; i < 12_345 + 1; i++) {
      e.decide(get("https://x.example"));
    }
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k < 6; k++) {
        e.decide(get("https://other" + i + ".example"));
      }
    }
    assertThat(logged).hasSize(4).allMatch(l -> l.startsWith("INFO CORS origin refused"));
    assertThat(logged.get(0)).contains("origin https://x.example is not allowed");

    now.addAndGet(60 * SECOND);
    e.decide(get("https://x.example"));
    assertThat(logged)
        .hasSize(6)
        .element(4)
        .isEqualTo(
            "INFO CORS refusals in the last 60 s: origin https://x.example refused 12,345 more"
                + " times; 3 other origins refused 15 times");
    assertThat(logged.get(5)).as("a new window explains again").contains("https://x.example");
    assertThat(e.refusalCounts()).containsEntry("ORIGIN_NOT_ALLOWED", 12_346L + 18 + 1);
  }

  @Test
  void eachReasonAndPolicyOfOneOriginIsExplainedOnce() {
    CorsEngine e =
        engine()
            .policy(CorsPolicy.builder().allowedOrigins("https://b.example").paths("/b").build())
            .build();
    FakeExchange preflight =
        new FakeExchange("OPTIONS", "/api/items")
            .with("Origin", "https://app.example.com")
            .with("Access-Control-Request-Method", "PUT")
            .with("Access-Control-Request-Headers", "x-secret");
    for (int i = 0; i < 3; i++) {
      e.decide(get("https://x.example"));
      e.decide(preflight.request);
      e.decide(new FakeExchange("GET", "/b").with("Origin", "https://x.example").request);
    }
    assertThat(logged).hasSize(2);
    assertThat(logged.get(1)).contains("reason=HEADER_NOT_ALLOWED");
  }

  @Test
  void originsPastTheBoundAreCountedInTheSummaryOnly() {
    CorsEngine e = engine().build();
    int origins = RefusalLog.MAX_TRACKED + 50;
    for (int i = 0; i < origins; i++) {
      e.decide(get("https://o" + i + ".example"));
    }
    now.addAndGet(61 * SECOND);
    e.decide(get("https://late.example"));
    assertThat(logged).hasSize(RefusalLog.MAX_TRACKED + 2);
    assertThat(logged.get(RefusalLog.MAX_TRACKED))
        .isEqualTo(
            "INFO CORS refusals in the last 60 s: 50 refusals of further origins, beyond the 100"
                + " tracked per window");
  }

  @Test
  void summaryWrittenLateSaysWhenItsWindowEnded() {
    CorsEngine e = engine().build();
    e.decide(get("https://x.example"));
    e.decide(get("https://x.example"));
    now.addAndGet(3_600 * SECOND);
    e.decide(get("https://x.example"));
    assertThat(logged.get(1))
        .isEqualTo(
            "INFO CORS refusals in 60 s ending 3540 s ago: origin https://x.example refused 1"
                + " more time");
  }

  @Test
  void zeroWindowLogsEveryRefusalInFull() {
    CorsEngine e = engine().refusalLogWindow(Duration.ZERO).build();
    for (int i = 0; i < 5; i++) {
      e.decide(get("https://x.example"));
    }
    assertThat(logged).hasSize(5);
  }

  @Test
  void levelOffLogsNothingButRefusalsAreStillCounted() {
    CorsEngine e = engine().logRejectionsAt(Level.OFF).build();
    for (int i = 0; i < 5; i++) {
      e.decide(get("https://x" + i + ".example"));
    }
    assertThat(logged).isEmpty();
    assertThat(e.refusalCounts()).containsEntry("ORIGIN_NOT_ALLOWED", 5L);
  }

  @Test
  void windowAndLevelComeFromThePolicySettings() {
    CorsEngine e =
        CorsEngine.builder()
            .policy(
                CorsPolicy.fromEnvironment(
                    Map.of(
                        "CORS_ALLOWED_ORIGINS", "https://app.example.com",
                        "CORS_LOG_WINDOW", "0",
                        "CORS_LOG_LEVEL", "warning")))
            .build();
    e.decide(get("https://x.example"));
    e.decide(get("https://x.example"));
    assertThat(logged).hasSize(2).allMatch(l -> l.startsWith("WARNING CORS origin refused"));
  }

  @Test
  void reportOnlyCandidateUsesTheSameWindow() {
    CorsEngine e =
        CorsEngine.builder()
            .policy(CorsPolicy.builder().allowedOrigins("*").build())
            .reportOnly(CorsPolicy.builder().allowedOrigins("https://app.example.com").build())
            .nanoClock(now::get)
            .build();
    for (int i = 0; i < 4; i++) {
      e.decide(get("https://x.example"));
    }
    now.addAndGet(60 * SECOND);
    e.decide(get("https://x.example"));
    assertThat(logged.get(0)).startsWith("WARNING report-only: CORS origin refused");
    assertThat(logged.get(1))
        .isEqualTo(
            "WARNING report-only: CORS refusals in the last 60 s: origin https://x.example"
                + " refused 3 more times");
    assertThat(logged).hasSize(3);
  }

  @Test
  @Timeout(120)
  void floodOfRandomOriginsLeavesAFewHundredLinesAndBoundedState() {
    CorsEngine e =
        CorsEngine.of(CorsPolicy.builder().allowedOrigins("https://app.example.com").build());
    SplittableRandom random = new SplittableRandom(42);
    FakeExchange x = new FakeExchange("GET", "/api/items");
    String[] origin = new String[1];
    CorsRequest request =
        new CorsRequest() {
          @Override
          public String method() {
            return "GET";
          }

          @Override
          public String path() {
            return "/api/items";
          }

          @Override
          public java.util.Iterator<String> headers(String name) {
            return name.equals("Origin") ? List.of(origin[0]).iterator() : null;
          }
        };
    int requests = 1_000_000;
    for (int i = 0; i < requests; i++) {
      origin[0] = "https://" + Long.toHexString(random.nextLong()) + ".example";
      e.decide(request);
    }
    assertThat(x.read).isEmpty();
    assertThat(e.refusalCounts()).containsEntry("ORIGIN_NOT_ALLOWED", (long) requests);
    // One full line per tracked origin and per window, one summary per window: the test takes
    // far less than two windows of 60 s.
    assertThat(logged.size()).isLessThanOrEqualTo(3 * (RefusalLog.MAX_TRACKED + 1));
    assertThat(e.trackedRefusals()).isLessThanOrEqualTo(RefusalLog.MAX_TRACKED);
  }
}
