package dev.corsair.gateway;

import dev.corsair.CorsEngine;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

/**
 * What an exchange may ask of the server that runs it: the policies in force, the route, a new
 * upstream connection, its settings, and where to report its start and end. Everything else of the
 * server stays out of the exchange's reach.
 */
interface ExchangeContext {
  /** The CORS engine in force now (swapped on reload), or null when no CORS applies (dev). */
  CorsEngine engine();

  /** The route of a request (see {@link Route.Router}). */
  Route route(String target, String path, String method, String accept);

  /** Opens a new connection to {@code upstream} on {@code loop}, the client connection's loop. */
  ChannelFuture connect(Upstream upstream, EventLoop loop);

  /** The longest wait for the upstream's response head once the request was sent. */
  long upstreamTimeoutMillis();

  /** Whether the client's {@code Host} goes upstream unchanged. */
  boolean preserveHost();

  /** Whether the server is shutting down: no keep-alive, no pooling. */
  boolean draining();

  /** Counts an exchange in flight. */
  void started();

  /** Counts an exchange done. */
  void finished();

  /** Whether an access log is written (callers build no entry otherwise). */
  boolean logging();

  /** Queues one access-log entry; never blocks. */
  void log(AccessLog.Entry entry);
}
