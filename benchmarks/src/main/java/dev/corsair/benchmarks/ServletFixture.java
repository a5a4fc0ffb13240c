package dev.corsair.benchmarks;

import jakarta.servlet.Filter;

/** A servlet filter with the lean request and response of one scenario. */
final class ServletFixture extends Fixture {
  private final Filter filter;
  private final LeanRequest request;
  private final LeanResponse response = new LeanResponse();
  private final AppChain app = new AppChain();

  ServletFixture(ServletFilters which, Scenario s) throws Exception {
    this(which.create(s), s);
  }

  ServletFixture(Filter filter, Scenario s) {
    super(s);
    this.filter = filter;
    this.request = new LeanRequest(s);
  }

  @Override
  int run() throws Exception {
    request.reset();
    response.clear();
    app.reached = false;
    filter.doFilter(request, response, app);
    return response.getStatus();
  }

  @Override
  public boolean reachedApp() {
    return app.reached;
  }

  @Override
  public int status() {
    return response.getStatus();
  }

  @Override
  public String header(String name) {
    return response.joined(name);
  }

  @Override
  public int count(String name) {
    return response.count(name);
  }
}
