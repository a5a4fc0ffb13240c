package dev.corsair.audit;

/**
 * One proven misconfiguration: which one, how bad (raised one level when the proving response
 * allows credentials), the probe origin, and the probe that proves it.
 */
record Finding(Misconfiguration misconfiguration, Severity severity, String origin, Probe proof) {

  /** The stable id of the misconfiguration. */
  String id() {
    return misconfiguration.id();
  }

  String evidence() {
    return proof.evidence();
  }

  String fix() {
    return misconfiguration.fix();
  }

  /**
   * A finding at the misconfiguration's base severity, raised when the response allows credentials.
   */
  static Finding of(Misconfiguration misconfiguration, Probe proof) {
    Severity s =
        proof.allowsCredentials() ? misconfiguration.base().raised() : misconfiguration.base();
    return new Finding(misconfiguration, s, proof.origin(), proof);
  }
}
