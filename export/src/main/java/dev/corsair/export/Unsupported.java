package dev.corsair.export;

/**
 * A setting the chosen engine cannot express exactly; export refuses rather than write a
 * configuration that behaves differently. The message names the setting, the engine and what to do
 * instead.
 */
final class Unsupported extends Exception {
  private static final long serialVersionUID = 1L;

  Unsupported(String engine, String setting, String why, String instead) {
    super(setting + ": " + engine + " cannot express this exactly (" + why + "); " + instead);
  }
}
