package dev.corsair.audit;

/**
 * One proven misconfiguration: which check, how bad (raised one level when the proving response
 * allows credentials), the probe origin, and the exchange that proves it.
 */
record Finding(Check check, Severity severity, String origin, Exchange proof) {

  /** The stable id of the check. */
  String id() {
    return check.id();
  }

  String evidence() {
    return proof.evidence();
  }

  String fix() {
    return check.fix();
  }

  /** A finding at the check's base severity, raised when the response allows credentials. */
  static Finding of(Check check, Exchange proof) {
    Severity s = proof.allowsCredentials() ? check.base().raised() : check.base();
    return new Finding(check, s, proof.origin(), proof);
  }
}
