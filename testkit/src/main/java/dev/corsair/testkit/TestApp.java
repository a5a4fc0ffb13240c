package dev.corsair.testkit;

/**
 * What the application behind every front end does in the shared case table: answers any method on
 * any path with {@link #STATUS}, the header {@link #MARKER}, {@code Vary: Accept-Encoding} (so
 * merging is tested) and the body {@link #BODY}. Front-end tests implement it in their server.
 */
public final class TestApp {
  private TestApp() {}

  public static final int STATUS = 200;
  public static final String MARKER = "X-App";
  public static final String MARKER_VALUE = "reached";
  public static final String VARY = "Accept-Encoding";
  public static final String BODY = "hello from the app";
}
