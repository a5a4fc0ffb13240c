package dev.corsair;

import java.nio.charset.StandardCharsets;

/**
 * Why a request was refused: a machine-readable {@link Reason}, the short text the client may see,
 * and a sentence (with a suggestion when an allowed origin is close) for the server's log.
 */
public final class Rejection {

  /** The check that failed. */
  public enum Reason {
    /** The {@code Origin} is a valid origin that the policy does not allow. */
    ORIGIN_NOT_ALLOWED("origin not allowed"),
    /** The {@code Origin} is not a serialised origin (spaces, a path, two values, too long...). */
    ORIGIN_MALFORMED("origin not allowed"),
    /** The preflight's {@code Access-Control-Request-Method} is not allowed. */
    METHOD_NOT_ALLOWED("method not allowed"),
    /** The preflight's {@code Access-Control-Request-Method} is not an HTTP token. */
    METHOD_MALFORMED("method malformed"),
    /** A name in {@code Access-Control-Request-Headers} is not allowed. */
    HEADER_NOT_ALLOWED("header not allowed"),
    /** {@code Access-Control-Request-Headers} is not a list of tokens, or is too long. */
    HEADERS_MALFORMED("header list malformed"),
    /** The preflight asks for private network access, which the policy does not allow. */
    PRIVATE_NETWORK_NOT_ALLOWED("private network access not allowed");

    private final String check;
    private final String body;
    private final byte[] bodyBytes;

    Reason(String check) {
      this.check = check;
      this.body = "CORS preflight rejected: " + check + "\n";
      this.bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    }

    /** The failed check in a few words, safe to show the client. */
    public String check() {
      return check;
    }
  }

  private final Reason reason;
  private final String origin;
  private final String detail;
  private final CorsPolicy policy;
  private String message;

  Rejection(Reason reason, String origin, String detail, CorsPolicy policy) {
    this.reason = reason;
    this.origin = origin;
    this.detail = detail;
    this.policy = policy;
  }

  public Reason reason() {
    return reason;
  }

  /** The refused request's {@code Origin}, as sent (never shown to the client). */
  String origin() {
    return origin;
  }

  /**
   * The refused value when it is safe to repeat (a header name or method that is a valid token);
   * null for origins and malformed input, which are never reflected.
   */
  public String detail() {
    return detail;
  }

  /**
   * The short {@code text/plain} body of a rejected preflight: which check failed, nothing more.
   */
  public String clientMessage() {
    if (reason == Reason.HEADER_NOT_ALLOWED && detail != null) {
      return "CORS preflight rejected: header " + detail + " not allowed\n";
    }
    return reason.body;
  }

  /** {@link #clientMessage()} in UTF-8; shared, never modified. */
  byte[] clientBody() {
    if (reason == Reason.HEADER_NOT_ALLOWED && detail != null) {
      return clientMessage().getBytes(StandardCharsets.UTF_8);
    }
    return reason.bodyBytes;
  }

  /** A sentence for the server's log: what was refused, and a suggestion when one is close. */
  public String message() {
    String m = message;
    if (m == null) {
      m = buildMessage();
      message = m;
    }
    return m;
  }

  /** A close allowed origin and how it differs, or null. */
  public String suggestion() {
    if (reason == Reason.ORIGIN_NOT_ALLOWED || reason == Reason.ORIGIN_MALFORMED) {
      return Suggestions.forOrigin(origin, policy);
    }
    return null;
  }

  private String buildMessage() {
    String o = Text.quote(origin);
    String base;
    switch (reason) {
      case ORIGIN_NOT_ALLOWED:
        base = "origin " + origin + " is not allowed";
        break;
      case ORIGIN_MALFORMED:
        base =
            "origin " + o + " is not a valid serialised origin (scheme://host[:port], one value)";
        break;
      case METHOD_NOT_ALLOWED:
        base = "method " + detail + " requested by " + o + " is not allowed";
        break;
      case METHOD_MALFORMED:
        base = "Access-Control-Request-Method from " + o + " is not an HTTP token";
        break;
      case HEADER_NOT_ALLOWED:
        base =
            "header "
                + detail
                + " requested by "
                + o
                + (detail.equals("*") && policy.allowsCredentials()
                    ? " is not allowed: with credentials a literal '*' is never echoed"
                    : " is not allowed; add it to " + policy.settingName(Setting.ALLOWED_HEADERS));
        break;
      case HEADERS_MALFORMED:
        base =
            "Access-Control-Request-Headers from "
                + o
                + " is malformed"
                + (detail == null ? "" : " (" + detail + ")");
        break;
      default:
        base =
            "private network access requested by "
                + o
                + " is not allowed; set "
                + policy.settingName(Setting.ALLOW_PRIVATE_NETWORK)
                + "=true if this API may be called from public sites";
    }
    String s = suggestion();
    return s == null ? base : base + "; " + s;
  }

  @Override
  public String toString() {
    return reason + ": " + message();
  }
}
