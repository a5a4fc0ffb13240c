package dev.corsair.gateway;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.List;

/**
 * The header changes of a reverse proxy (RFC 9110 section 7.6): hop-by-hop headers stay on their
 * hop, {@code X-Forwarded-*} tell the upstream who asked, {@code Host} names the upstream.
 */
final class ForwardHeaders {
  // AsciiString names keep their hash: each look-up below hashes the name without walking it.
  private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
  private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
  private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
  private static final List<AsciiString> HOP_BY_HOP =
      List.of(
          HttpHeaderNames.CONNECTION,
          AsciiString.cached("keep-alive"),
          AsciiString.cached("proxy-connection"),
          HttpHeaderNames.PROXY_AUTHENTICATE,
          HttpHeaderNames.PROXY_AUTHORIZATION,
          HttpHeaderNames.TE,
          HttpHeaderNames.TRAILER,
          HttpHeaderNames.TRANSFER_ENCODING,
          HttpHeaderNames.UPGRADE);

  private ForwardHeaders() {}

  /**
   * Turns a client's request into the one sent upstream, in place.
   *
   * @param clientIp the client's address, appended to {@code X-Forwarded-For}
   * @param clientHost the client's {@code Host}, or null
   * @param websocket whether the request is a WebSocket upgrade (its Upgrade headers go along)
   * @param preserveHost whether the client's {@code Host} goes upstream unchanged
   */
  static void toUpstream(
      HttpRequest request,
      Route route,
      String clientIp,
      String clientHost,
      boolean websocket,
      boolean preserveHost) {
    HttpHeaders h = request.headers();
    boolean chunked = HttpUtil.isTransferEncodingChunked(request);
    String upgrade = websocket ? h.get(HttpHeaderNames.UPGRADE) : null;
    stripHopByHop(h);
    h.remove(HttpHeaderNames.EXPECT);
    if (chunked) {
      h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    if (websocket) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
      h.set(HttpHeaderNames.UPGRADE, upgrade);
    }
    String prior = h.get(X_FORWARDED_FOR);
    h.set(X_FORWARDED_FOR, prior == null ? clientIp : prior + ", " + clientIp);
    if (!h.contains(X_FORWARDED_PROTO)) {
      h.set(X_FORWARDED_PROTO, "http");
    }
    if (clientHost != null && !h.contains(X_FORWARDED_HOST)) {
      h.set(X_FORWARDED_HOST, clientHost);
    }
    if (!preserveHost || clientHost == null) {
      h.set(HttpHeaderNames.HOST, route.upstream().authority);
    }
    request.setUri(route.target());
    request.setProtocolVersion(HttpVersion.HTTP_1_1);
  }

  /** Removes the hop-by-hop headers and those the {@code Connection} header names. */
  static void stripHopByHop(HttpHeaders h) {
    for (String c : h.getAll(HttpHeaderNames.CONNECTION)) {
      for (String token : c.split(",")) {
        String t = token.trim();
        if (!t.isEmpty()) {
          h.remove(t);
        }
      }
    }
    for (AsciiString name : HOP_BY_HOP) {
      h.remove(name);
    }
  }

  static boolean isWebSocketUpgrade(HttpHeaders h) {
    return h.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        && h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
  }
}
