package dev.corsair.gateway;

import dev.corsair.CorsDecision;
import dev.corsair.Rejection;
import dev.corsair.tools.Json;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One JSON line per request. The event loops only queue an {@link Entry} (a lock-free bounded
 * queue, no formatting, no I/O); a background thread wakes every 20 ms, formats what gathered into
 * a 64 KiB buffer (encoded once per buffer, no string per line) and writes it when full, when
 * traffic pauses, and at least every second. When the queue is full the entry is dropped and
 * counted, never the request; the count is reported once a second.
 */
final class AccessLog implements AutoCloseable {
  /** Entries waiting for the writer; more are dropped. */
  static final int QUEUE_CAPACITY = 65536;

  private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  private static final long FLUSH_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final int BUFFER = 65536;

  private final OutputStream out;
  private final PrintStream diagnostics;
  private final Queue<Entry> queue = PlatformDependent.newFixedMpscQueue(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private final Thread writer;
  private boolean failed;
  private volatile boolean closing;

  /**
   * One request as logged. Built on the event loop from values it already holds; formatted later.
   *
   * @param epochMillis when the response completed
   * @param client the client's IP address
   * @param method the request method, or null for a request too malformed to read
   * @param cors the decision kind's name, or {@code NONE}
   * @param reason the rejection reason (lower case), or why the request was malformed, or null
   * @param upstream the upstream it was routed to, or null (named by its URL)
   * @param note what went wrong, or null
   */
  record Entry(
      long epochMillis,
      String client,
      String method,
      String path,
      int status,
      long bytes,
      long micros,
      String cors,
      String origin,
      String reason,
      Upstream upstream,
      String note) {

    /** Rejection reasons as the log names them, by ordinal. */
    private static final String[] REASONS =
        Arrays.stream(Rejection.Reason.values())
            .map(r -> r.name().toLowerCase(Locale.ROOT))
            .toArray(String[]::new);

    /**
     * The entry of a request whose response completed now.
     *
     * @param startNanos {@link System#nanoTime} when its head arrived
     * @param decision the CORS decision, or null when no CORS applies
     */
    static Entry of(
        String client,
        String method,
        String path,
        int status,
        long bytes,
        long startNanos,
        CorsDecision decision,
        String origin,
        Upstream upstream,
        String note) {
      return new Entry(
          System.currentTimeMillis(),
          client,
          method,
          path,
          status,
          bytes,
          (System.nanoTime() - startNanos) / 1000,
          decision == null ? "NONE" : decision.kind().name(),
          origin,
          decision == null || decision.rejection() == null
              ? null
              : REASONS[decision.rejection().reason().ordinal()],
          upstream,
          note);
    }

    /** Appends the JSON object (no newline), with {@code time} already formatted. */
    void appendTo(StringBuilder b, String time) {
      b.append("{\"time\":\"").append(time).append("\",\"client\":");
      Json.quote(b, client);
      b.append(",\"method\":");
      Json.quote(b, method);
      b.append(",\"path\":");
      Json.quote(b, path);
      b.append(",\"status\":").append(status);
      b.append(",\"bytes\":").append(bytes);
      b.append(",\"ms\":").append(micros / 1000).append('.');
      long frac = micros % 1000;
      b.append(frac < 10 ? "00" : frac < 100 ? "0" : "").append(frac);
      b.append(",\"cors\":\"").append(cors).append("\",\"origin\":");
      Json.quote(b, origin);
      b.append(",\"reason\":");
      Json.quote(b, reason);
      b.append(",\"upstream\":");
      Json.quote(b, upstream == null ? null : upstream.toString());
      if (note != null) {
        b.append(",\"note\":");
        Json.quote(b, note);
      }
      b.append('}');
    }
  }

  private AccessLog(OutputStream out, PrintStream diagnostics) {
    this.out = out;
    this.diagnostics = diagnostics;
    this.writer = new Thread(this::run, "corsair-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * A log to {@code out}, or null (no log) when {@code out} is null.
   *
   * @param diagnostics where the count of dropped lines is reported
   */
  static AccessLog to(OutputStream out, PrintStream diagnostics) {
    return out == null ? null : new AccessLog(out, diagnostics);
  }

  /** Queues an entry without blocking; drops and counts it when the writer is behind. */
  void log(Entry entry) {
    if (!queue.offer(entry)) {
      dropped.incrementAndGet();
    }
  }

  /** Entries dropped since start because the writer was behind. */
  long dropped() {
    return dropped.get();
  }

  private void run() {
    StringBuilder text = new StringBuilder(BUFFER + 1024);
    long lastFlush = System.nanoTime();
    long lastReport = lastFlush;
    long reported = 0;
    long timeMillis = -1;
    String time = "";
    while (true) {
      boolean stop = closing; // read first: what was queued before close() is written below
      Entry e;
      int taken = 0;
      while ((e = queue.poll()) != null) {
        taken++;
        if (e.epochMillis() != timeMillis) {
          timeMillis = e.epochMillis();
          time = Instant.ofEpochMilli(timeMillis).toString();
        }
        e.appendTo(text, time);
        text.append('\n');
        if (text.length() >= BUFFER) {
          write(text, false);
        }
      }
      long now = System.nanoTime();
      if (text.length() > 0 && (taken == 0 || stop || now - lastFlush >= FLUSH_NANOS)) {
        write(text, true);
        lastFlush = now;
      }
      long d = dropped.get();
      if (d != reported && (stop || now - lastReport >= FLUSH_NANOS)) {
        diagnostics.println(
            "corsair: "
                + (d - reported)
                + " access-log lines dropped (the log's destination is slower than the traffic)");
        reported = d;
        lastReport = now;
      }
      if (stop) {
        return;
      }
      if (taken < QUEUE_CAPACITY / 4) {
        LockSupport.parkNanos(this, PAUSE_NANOS); // let a batch gather: one wake-up per 20 ms
      }
    }
  }

  /** Writes {@code text} as UTF-8 (one encoding per batch), flushes if asked, and empties it. */
  private void write(StringBuilder text, boolean flush) {
    if (!failed) {
      try {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        if (flush) {
          out.flush();
        }
      } catch (IOException ex) {
        fail(ex);
      }
    }
    text.setLength(0);
  }

  /** Stops writing (the entries are still taken, so memory stays flat) and says so once. */
  private void fail(IOException ex) {
    failed = true;
    diagnostics.println("corsair: the access log cannot be written, lines are lost: " + ex);
  }

  /** Writes and flushes what is queued, then stops the writer. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }
}
