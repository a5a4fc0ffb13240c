package dev.corsair.audit;

/**
 * The CORS misconfigurations corsair audit reports: each with its stable finding id (the ids
 * docs/audit.md lists), its base severity, a one-line meaning and the fix. The order is the order
 * in which probes run and findings of equal severity are listed.
 */
enum Misconfiguration {
  ORIGIN_REFLECTION(
      "origin-reflection",
      Severity.HIGH,
      "grants an arbitrary origin",
      "Stop echoing the request's Origin. Compare it with an explicit list of trusted origins"
          + " (exact string match on scheme://host[:port]) and send Access-Control-Allow-Origin only"
          + " for a match; for a public API without cookies send '*' instead."),
  NULL_ORIGIN_ALLOWED(
      "null-origin-allowed",
      Severity.MEDIUM,
      "grants the opaque origin 'null'",
      "Remove 'null' from the allowed origins: sandboxed iframes, data: and file: pages of any site"
          + " send it, so trusting it trusts everyone. Serve the caller from a real origin instead."),
  PREFIX_MATCH(
      "prefix-match",
      Severity.HIGH,
      "grants the trusted host followed by an attacker's domain",
      "Compare the whole origin, not its beginning: replace startsWith/contains/an unanchored"
          + " regex with an exact match against the list of trusted origins."),
  SUFFIX_MATCH(
      "suffix-match",
      Severity.HIGH,
      "grants an attacker-registrable host ending with the trusted domain",
      "Compare the whole origin, not its end: endsWith(\"trusted.example\") also matches"
          + " eviltrusted.example. Match exact origins, or for subdomains require the leading dot"
          + " (\".trusted.example\") together with the scheme and port."),
  UNESCAPED_DOT(
      "unescaped-dot",
      Severity.MEDIUM,
      "grants the trusted host with a dot replaced by a letter",
      "Escape the dots of the origin regex (^https://app\\.trusted\\.example$) or, better, replace"
          + " the regex with an exact string comparison."),
  INSECURE_ORIGIN_TRUSTED(
      "insecure-origin-trusted",
      Severity.MEDIUM,
      "grants the http: twin of a trusted https: origin",
      "Trust only the https: origin: a network attacker can inject script into the http: page and"
          + " read the responses meant for the https: one. Misconfiguration the scheme as part of the origin."),
  SPECIAL_CHARS_BYPASS(
      "special-chars-bypass",
      Severity.MEDIUM,
      "grants the trusted host followed by a special character and an attacker's domain",
      "Do not extract the host with a hand-written pattern that stops at the first unexpected"
          + " character: compare the whole Origin header with the trusted origins, byte for byte."),
  ARBITRARY_SUBDOMAIN_TRUSTED(
      "arbitrary-subdomain-trusted",
      Severity.LOW,
      "grants any subdomain of the trusted host",
      "List the subdomains that need access instead of trusting all of them: any XSS or subdomain"
          + " takeover on one of them then reads this API."),
  THIRD_PARTY_ORIGIN_TRUSTED(
      "third-party-origin-trusted",
      Severity.MEDIUM,
      "grants an origin where anyone can publish pages",
      "Remove code-hosting and page-hosting origins (codepen.io, jsfiddle.net, *.github.io, ...)"
          + " from the allowed origins: anyone can run script there."),
  WILDCARD_WITH_CREDENTIALS(
      "wildcard-with-credentials",
      Severity.LOW,
      "sends '*' together with Access-Control-Allow-Credentials: true",
      "Browsers refuse this combination, so credentialed calls fail. Either drop"
          + " Access-Control-Allow-Credentials (a public API) or send the caller's origin from an"
          + " explicit list with Vary: Origin."),
  MISSING_VARY_ORIGIN(
      "missing-vary-origin",
      Severity.MEDIUM,
      "changes Access-Control-Allow-Origin with the Origin but does not send Vary: Origin",
      "Add 'Vary: Origin' to every response whose CORS headers depend on the Origin header (merge"
          + " it into any existing Vary), so that caches never serve one origin's answer to"
          + " another."),
  PREFLIGHT_REFLECTS_EVERYTHING(
      "preflight-reflects-everything",
      Severity.LOW,
      "grants an untrusted origin's preflight whatever method and headers it asks",
      "Answer preflights from the same origin list as actual requests, and list the allowed"
          + " methods and headers instead of echoing Access-Control-Request-Method and"
          + " Access-Control-Request-Headers.");

  private final String id;
  private final Severity base;
  private final String meaning;
  private final String fix;

  Misconfiguration(String id, Severity base, String meaning, String fix) {
    this.id = id;
    this.base = base;
    this.meaning = meaning;
    this.fix = fix;
  }

  /** The stable finding id, as listed in docs/audit.md. */
  String id() {
    return id;
  }

  Severity base() {
    return base;
  }

  /** What the server does, completing "the server ...". */
  String meaning() {
    return meaning;
  }

  String fix() {
    return fix;
  }
}
