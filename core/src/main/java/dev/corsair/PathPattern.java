package dev.corsair;

/**
 * One {@code cors.paths} pattern: {@code /api/**} (the prefix and everything below it), {@code
 * /public/*} (exactly one segment below), or an exact path. Case-sensitive, on the raw path.
 */
final class PathPattern {
  private enum Kind {
    ALL,
    TREE,
    ONE_SEGMENT,
    EXACT
  }

  private final Kind kind;
  private final String base;
  final String source;

  private PathPattern(Kind kind, String base, String source) {
    this.kind = kind;
    this.base = base;
    this.source = source;
  }

  /** Parses a pattern; returns null when it does not start with {@code /}. */
  static PathPattern parse(String p) {
    if (p.isEmpty() || p.charAt(0) != '/') {
      return null;
    }
    if (p.equals("/**")) {
      return new PathPattern(Kind.ALL, "", p);
    }
    if (p.endsWith("/**")) {
      return new PathPattern(Kind.TREE, p.substring(0, p.length() - 3), p);
    }
    if (p.endsWith("/*")) {
      return new PathPattern(Kind.ONE_SEGMENT, p.substring(0, p.length() - 1), p);
    }
    return new PathPattern(Kind.EXACT, p, p);
  }

  boolean matches(String path) {
    switch (kind) {
      case ALL:
        return true;
      case TREE:
        return path.startsWith(base)
            && (path.length() == base.length() || path.charAt(base.length()) == '/');
      case ONE_SEGMENT:
        return path.startsWith(base)
            && path.length() > base.length()
            && path.indexOf('/', base.length()) < 0;
      default:
        return path.equals(base);
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
