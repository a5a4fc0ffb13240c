package dev.corsair.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AccessLogTest {
  static AccessLog.Entry entry(String path) {
    return new AccessLog.Entry(
        0L,
        "127.0.0.1",
        "GET",
        path,
        200,
        12,
        1234,
        "ALLOWED",
        "https://app.example.com",
        null,
        null,
        null);
  }

  @Test
  void entriesBecomeOneJsonLineEachWithinASecondAndOnClose() throws Exception {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    AccessLog log = AccessLog.to(sink, new PrintStream(new ByteArrayOutputStream()));
    log.log(entry("/a\u2028\"b"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (sink.size() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sink.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"time\":\"1970-01-01T00:00:00Z\",\"client\":\"127.0.0.1\",\"method\":\"GET\","
                + "\"path\":\"/a\\u2028\\\"b\",\"status\":200,\"bytes\":12,\"ms\":1.234,"
                + "\"cors\":\"ALLOWED\",\"origin\":\"https://app.example.com\",\"reason\":null,"
                + "\"upstream\":null}\n");
    for (int i = 0; i < 1000; i++) {
      log.log(entry("/" + i));
    }
    log.close();
    assertThat(sink.toString(StandardCharsets.UTF_8).lines()).hasSize(1001);
  }

  @Test
  void aSinkThatCannotKeepUpDropsAndCountsLinesWithoutBlockingTheCaller() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    OutputStream stuck =
        new OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] b, int off, int len) {
            try {
              release.await(); // a full disk, a blocked pipe
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    AccessLog log = AccessLog.to(stuck, new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
    int n = AccessLog.QUEUE_CAPACITY * 4;
    for (int i = 0; i < n; i++) {
      log.log(entry("/x"));
    }
    assertThat(log.dropped()).isGreaterThan(0).isLessThan(n);
    release.countDown();
    log.close();
    assertThat(diagnostics.toString(StandardCharsets.UTF_8))
        .contains(" access-log lines dropped (the log's destination is slower than the traffic)");
  }
}
