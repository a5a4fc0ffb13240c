package dev.corsair;

import java.util.Objects;

/**
 * The allowed preflight decisions a policy answered last, so that the preflights a page repeats
 * (the same origin, method and header list, again and again) skip the method and header checks and
 * allocate nothing. Direct-mapped, {@link #SLOTS} entries; an entry is immutable, so a racing
 * request at worst misses and decides again. Only allowed decisions are kept, and only after the
 * origin passed the policy's own check (a predicate keeps its say on every request); long requests
 * are not kept (see {@link #MAX_KEY_LENGTH}).
 */
final class PreflightCache {
  /** How many (origin, method, header list) answers are kept per policy. */
  static final int SLOTS = 16;

  /**
   * Requests whose origin, method and header list together are longer than this are decided every
   * time rather than kept (a {@code *} policy allows any origin, however long), so the cache holds
   * at most {@link #SLOTS} KB of request text per policy.
   */
  static final int MAX_KEY_LENGTH = 1024;

  private final Entry[] entries = new Entry[SLOTS];

  /** The decision kept for these request fields, or null. */
  CorsDecision get(String origin, String method, String requestHeaders, boolean privateNetwork) {
    Entry e = entries[slot(origin, method, requestHeaders)];
    if (e != null
        && e.privateNetwork == privateNetwork
        && e.origin.equals(origin)
        && e.method.equals(method)
        && Objects.equals(e.requestHeaders, requestHeaders)) {
      return e.decision;
    }
    return null;
  }

  /** Keeps an allowed decision for these request fields, replacing the slot's previous one. */
  void put(
      String origin,
      String method,
      String requestHeaders,
      boolean privateNetwork,
      CorsDecision decision) {
    int length =
        origin.length() + method.length() + (requestHeaders == null ? 0 : requestHeaders.length());
    if (length > MAX_KEY_LENGTH) {
      return;
    }
    entries[slot(origin, method, requestHeaders)] =
        new Entry(origin, method, requestHeaders, privateNetwork, decision);
  }

  /**
   * The origin's hash (already computed by the origin look-up) mixed with the lengths of the other
   * fields: no pass over the header list.
   */
  private static int slot(String origin, String method, String requestHeaders) {
    int h = origin.hashCode();
    h = 31 * h + method.length();
    h = 31 * h + (requestHeaders == null ? -1 : requestHeaders.length());
    h ^= h >>> 16;
    return h & (SLOTS - 1);
  }

  private record Entry(
      String origin,
      String method,
      String requestHeaders,
      boolean privateNetwork,
      CorsDecision decision) {}
}
