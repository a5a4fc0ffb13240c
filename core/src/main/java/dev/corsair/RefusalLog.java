package dev.corsair;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The refusal log: the first refusal of each (reason, origin, policy) in a window is logged in
 * full, with its suggestion; repeats are counted, and the first refusal after the window ends
 * writes one summary line for it. At most {@link #MAX_TRACKED} distinct refusals are tracked per
 * window; refusals of further origins are only counted, so memory stays bounded whatever the
 * traffic. The request path takes no lock: a lock-free map look-up and a {@link LongAdder} for a
 * repeat.
 */
final class RefusalLog {
  /** Distinct (reason, origin, policy) tracked per window; further ones fold into the summary. */
  static final int MAX_TRACKED = 100;

  /** Origins are tracked by at most this many characters (a hostile one may be 2 KB or more). */
  private static final int MAX_ORIGIN_KEY = 256;

  private static final System.Logger LOG = System.getLogger("dev.corsair");

  private final String prefix;
  private final Level level;
  private final long windowNanos;
  private final String windowText;
  private final LongSupplier nanoClock;
  private final AtomicReference<Window> current;

  /**
   * @param prefix put before every line ({@code "report-only: "} for candidates)
   * @param level the level of every line; {@code OFF} logs nothing
   * @param window how long repeats are counted; zero logs every refusal in full
   * @param nanoClock {@link System#nanoTime()}, or a test's clock
   */
  RefusalLog(String prefix, Level level, Duration window, LongSupplier nanoClock) {
    this.prefix = prefix;
    this.level = level;
    this.windowNanos = window.toNanos();
    this.windowText = seconds(window);
    this.nanoClock = nanoClock;
    this.current = new AtomicReference<>(new Window(nanoClock.getAsLong()));
  }

  /** Logs or counts one refusal of {@code method path} under its decision's policy. */
  void refused(String method, String path, CorsDecision d) {
    if (level == Level.OFF || !LOG.isLoggable(level)) {
      return;
    }
    if (windowNanos == 0) {
      LOG.log(level, fullLine(method, path, d));
      return;
    }
    Window w = current.get();
    long now = nanoClock.getAsLong();
    if (now - w.start >= windowNanos) {
      w = roll(w, now);
    }
    Rejection r = d.rejection();
    String origin = key(r.origin());
    Seen first = w.byOrigin.get(origin);
    Seen s = find(first, d.policy(), r.reason());
    if (s != null) {
      s.repeats.increment();
      return;
    }
    if (w.tracked.get() >= MAX_TRACKED || w.tracked.incrementAndGet() > MAX_TRACKED) {
      w.untracked.increment();
      return;
    }
    Seen fresh = new Seen(d.policy(), r.reason());
    if (first == null) {
      first = w.byOrigin.putIfAbsent(origin, fresh);
    }
    if (first != null && !append(first, fresh)) {
      return; // another request logged this one first; ours counts as a repeat
    }
    LOG.log(level, fullLine(method, path, d));
  }

  /** How many distinct refusals the current window tracks (at most {@link #MAX_TRACKED}). */
  int tracked() {
    int n = 0;
    for (Seen first : current.get().byOrigin.values()) {
      for (Seen s = first; s != null; s = s.next) {
        n++;
      }
    }
    return n;
  }

  private String fullLine(String method, String path, CorsDecision d) {
    Rejection r = d.rejection();
    return prefix
        + "CORS "
        + (d.isPreflight() ? "preflight rejected" : "origin refused")
        + " reason="
        + r.reason()
        + " method="
        + Text.quote(method)
        + " path="
        + Text.quote(path)
        + ": "
        + r.message();
  }

  private static Seen find(Seen s, CorsPolicy policy, Rejection.Reason reason) {
    while (s != null && !(s.policy == policy && s.reason == reason)) {
      s = s.next;
    }
    return s;
  }

  /** Appends {@code fresh} to the chain of one origin, or counts a repeat if it raced in. */
  private static boolean append(Seen chain, Seen fresh) {
    Seen tail = chain;
    while (true) {
      if (tail.policy == fresh.policy && tail.reason == fresh.reason) {
        tail.repeats.increment();
        return false;
      }
      Seen next = tail.next;
      if (next == null) {
        if (Seen.NEXT.compareAndSet(tail, null, fresh)) {
          return true;
        }
        next = tail.next;
      }
      tail = next;
    }
  }

  /** Starts a new window; the request that wins the race writes the old one's summary. */
  private Window roll(Window old, long now) {
    Window fresh = new Window(now);
    if (!current.compareAndSet(old, fresh)) {
      return current.get();
    }
    String summary = summary(old, now);
    if (summary != null) {
      LOG.log(level, summary);
    }
    return fresh;
  }

  /** The summary of a finished window, or null when nothing was repeated or folded. */
  String summary(Window w, long now) {
    String top = null;
    long topRepeats = 0;
    int others = 0;
    long otherRepeats = 0;
    for (var e : w.byOrigin.entrySet()) {
      long repeats = 0;
      for (Seen s = e.getValue(); s != null; s = s.next) {
        repeats += s.repeats.sum();
      }
      if (repeats == 0) {
        continue;
      }
      if (repeats > topRepeats) {
        if (top != null) {
          others++;
          otherRepeats += topRepeats;
        }
        top = e.getKey();
        topRepeats = repeats;
      } else {
        others++;
        otherRepeats += repeats;
      }
    }
    long untracked = w.untracked.sum();
    if (top == null && untracked == 0) {
      return null;
    }
    long late = now - w.start - windowNanos;
    String when =
        late < windowNanos
            ? "in the last " + windowText
            : "in " + windowText + " ending " + seconds(Duration.ofNanos(late)) + " ago";
    StringBuilder b = new StringBuilder(prefix).append("CORS refusals ").append(when).append(": ");
    if (top != null) {
      b.append("origin ")
          .append(display(top))
          .append(" refused ")
          .append(count(topRepeats))
          .append(" more ")
          .append(topRepeats == 1 ? "time" : "times");
      if (others > 0) {
        b.append("; ")
            .append(others)
            .append(others == 1 ? " other origin" : " other origins")
            .append(" refused ")
            .append(count(otherRepeats))
            .append(otherRepeats == 1 ? " time" : " times");
      }
    }
    if (untracked > 0) {
      if (top != null) {
        b.append("; ");
      }
      b.append(count(untracked))
          .append(untracked == 1 ? " refusal" : " refusals")
          .append(" of further origins, beyond the ")
          .append(MAX_TRACKED)
          .append(" tracked per window");
    }
    return b.toString();
  }

  private static String key(String origin) {
    return origin == null
        ? "(none)"
        : origin.length() > MAX_ORIGIN_KEY ? origin.substring(0, MAX_ORIGIN_KEY) : origin;
  }

  private static String display(String origin) {
    return origin.equals("null") || Origin.isValid(origin) ? origin : Text.quote(origin);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String seconds(Duration d) {
    return d.getSeconds() + " s";
  }

  /** One window: what was seen, by origin, and what could not be tracked. */
  static final class Window {
    final long start;
    final ConcurrentHashMap<String, Seen> byOrigin = new ConcurrentHashMap<>();
    final AtomicInteger tracked = new AtomicInteger();
    final LongAdder untracked = new LongAdder();

    Window(long start) {
      this.start = start;
    }
  }

  /** One (reason, policy) refused for an origin in a window; others for the origin chain on. */
  static final class Seen {
    static final VarHandle NEXT;

    static {
      try {
        NEXT = MethodHandles.lookup().findVarHandle(Seen.class, "next", Seen.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    final CorsPolicy policy;
    final Rejection.Reason reason;
    final LongAdder repeats = new LongAdder();
    volatile Seen next;

    Seen(CorsPolicy policy, Rejection.Reason reason) {
      this.policy = policy;
      this.reason = reason;
    }
  }
}
