package dev.corsair.servlet;

import dev.corsair.testkit.Loopback;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded servlet container on 127.0.0.1 (a free port) with one web application: the corsair
 * filter first, async-supported, for the REQUEST, ERROR and ASYNC dispatches, the given servlets,
 * and (like Spring Boot) a global error page at {@code /error} unless turned off.
 */
abstract class Container implements AutoCloseable {
  private static final EnumSet<DispatcherType> DISPATCHES =
      EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);

  /** Request header bytes accepted (the case table sends a 100 KB header list). */
  private static final int MAX_HEADERS = 256 * 1024;

  /** The three containers every suite runs in. */
  enum Kind {
    TOMCAT,
    JETTY,
    UNDERTOW;

    Container start(Webapp app) {
      try {
        return switch (this) {
          case TOMCAT -> new TomcatContainer(app);
          case JETTY -> new JettyContainer(app);
          case UNDERTOW -> new UndertowContainer(app);
        };
      } catch (Exception e) {
        throw new IllegalStateException(this + " did not start", e);
      }
    }

    @Override
    public String toString() {
      return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What to deploy.
   *
   * @param contextPath "" for the root context, else "/name"
   * @param filter the filter instance, or null to let the container create a {@link CorsFilter}
   *     from {@code initParams} (the {@code web.xml} way)
   * @param initParams the filter's init-params
   * @param servlets servlets by URL pattern, all async-supported
   * @param errorPage whether a global error page at {@code /error} answers every error
   * @param exceptionPage an exception type that {@code /error} answers, or null
   */
  record Webapp(
      String contextPath,
      Filter filter,
      Map<String, String> initParams,
      Map<String, Servlet> servlets,
      boolean errorPage,
      Class<? extends Throwable> exceptionPage) {

    /** The test application at every path the case table uses, and the error page. */
    static Webapp of(Filter filter) {
      return new Webapp("", filter, Map.of(), App.mappings(), true, null);
    }

    /** The same application with a filter built by the container from init-params. */
    static Webapp configuredBy(Map<String, String> initParams) {
      return new Webapp("", null, initParams, App.mappings(), true, null);
    }

    Webapp at(String path) {
      return new Webapp(path, filter, initParams, servlets, errorPage, exceptionPage);
    }

    Webapp withoutErrorPage() {
      return new Webapp(contextPath, filter, initParams, servlets, false, null);
    }

    /**
     * Only an error page for exceptions of {@code type} (and its subclasses), at {@code /error}.
     */
    Webapp withExceptionPageOnly(Class<? extends Throwable> type) {
      return new Webapp(contextPath, filter, initParams, servlets, false, type);
    }

    Webapp with(String pattern, Servlet servlet) {
      Map<String, Servlet> s = new LinkedHashMap<>(servlets);
      s.put(pattern, servlet);
      return new Webapp(contextPath, filter, initParams, s, errorPage, exceptionPage);
    }

    Map<String, Servlet> allServlets() {
      if (!errorPage && exceptionPage == null) {
        return servlets;
      }
      Map<String, Servlet> s = new LinkedHashMap<>(servlets);
      s.put("/error", new App.ErrorPage());
      return s;
    }
  }

  /** Set by each container once started. */
  URI base;

  /** The base URI of the web application, with its context path and without a trailing slash. */
  URI base() {
    return base;
  }

  /** {@code base()} followed by {@code path}. */
  URI uri(String path) {
    return URI.create(base() + path);
  }

  /** Stops the container. */
  abstract void stop() throws Exception;

  @Override
  public final void close() {
    try {
      stop();
    } catch (Exception e) {
      throw new IllegalStateException("the container did not stop cleanly", e);
    }
  }

  private static final class TomcatContainer extends Container {
    private final Tomcat tomcat = new Tomcat();
    private final Path baseDir;

    TomcatContainer(Webapp app) throws Exception {
      baseDir = Files.createTempDirectory("corsair-tomcat-");
      tomcat.setBaseDir(baseDir.toString());
      Connector connector = new Connector();
      connector.setPort(0);
      connector.setProperty("address", Loopback.HOST);
      connector.setProperty("maxHttpRequestHeaderSize", String.valueOf(MAX_HEADERS));
      tomcat.setConnector(connector);
      Context ctx = tomcat.addContext(app.contextPath(), baseDir.toString());
      FilterDef def = new FilterDef();
      def.setFilterName("cors");
      if (app.filter() != null) {
        def.setFilter(app.filter());
      }
      def.setFilterClass(CorsFilter.class.getName());
      def.setAsyncSupported("true");
      app.initParams().forEach(def::addInitParameter);
      ctx.addFilterDef(def);
      FilterMap map = new FilterMap();
      map.setFilterName("cors");
      map.addURLPattern("/*");
      for (DispatcherType t : DISPATCHES) {
        map.setDispatcher(t.name());
      }
      ctx.addFilterMapBefore(map);
      int i = 0;
      for (Map.Entry<String, Servlet> s : app.allServlets().entrySet()) {
        String name = "servlet" + i++;
        Wrapper w = Tomcat.addServlet(ctx, name, s.getValue());
        w.setAsyncSupported(true);
        ctx.addServletMapping(s.getKey(), name);
      }
      if (app.errorPage()) {
        ErrorPage page = new ErrorPage();
        page.setLocation("/error");
        ctx.addErrorPage(page);
      }
      if (app.exceptionPage() != null) {
        ErrorPage page = new ErrorPage();
        page.setExceptionType(app.exceptionPage().getName());
        page.setLocation("/error");
        ctx.addErrorPage(page);
      }
      tomcat.start();
      if (!ctx.getState().isAvailable()) {
        tomcat.stop();
        tomcat.destroy();
        throw new IllegalStateException("the web application failed to start: " + ctx.getState());
      }
      base =
          URI.create(
              "http://" + Loopback.HOST + ":" + connector.getLocalPort() + app.contextPath());
    }

    @Override
    void stop() throws Exception {
      try {
        tomcat.stop();
        tomcat.destroy();
      } finally {
        delete(baseDir);
      }
    }
  }

  private static final class JettyContainer extends Container {
    private final Server server = new Server();

    JettyContainer(Webapp app) throws Exception {
      HttpConfiguration http = new HttpConfiguration();
      http.setRequestHeaderSize(MAX_HEADERS);
      ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
      connector.setHost(Loopback.HOST);
      connector.setPort(0);
      server.addConnector(connector);
      ServletContextHandler ctx =
          new ServletContextHandler(app.contextPath().isEmpty() ? "/" : app.contextPath());
      FilterHolder filter =
          app.filter() != null
              ? new FilterHolder(app.filter())
              : new FilterHolder(CorsFilter.class);
      filter.setName("cors");
      filter.setAsyncSupported(true);
      filter.setInitParameters(app.initParams());
      ctx.addFilter(filter, "/*", DISPATCHES);
      for (Map.Entry<String, Servlet> s : app.allServlets().entrySet()) {
        ServletHolder h = new ServletHolder(s.getValue());
        h.setAsyncSupported(true);
        ctx.addServlet(h, s.getKey());
      }
      if (app.errorPage() || app.exceptionPage() != null) {
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        if (app.errorPage()) {
          errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, "/error");
        } else {
          errors.addErrorPage(app.exceptionPage(), "/error");
        }
        ctx.setErrorHandler(errors);
      }
      ctx.getServletHandler().setStartWithUnavailable(false);
      server.setHandler(ctx);
      try {
        server.start();
      } catch (Exception e) {
        server.stop();
        throw e;
      }
      base =
          URI.create(
              "http://" + Loopback.HOST + ":" + connector.getLocalPort() + app.contextPath());
    }

    @Override
    void stop() throws Exception {
      server.stop();
    }
  }

  private static final class UndertowContainer extends Container {
    private static final AtomicInteger DEPLOYMENTS = new AtomicInteger();
    private final DeploymentManager manager;
    private final Undertow server;

    UndertowContainer(Webapp app) throws Exception {
      String path = app.contextPath().isEmpty() ? "/" : app.contextPath();
      FilterInfo filter =
          app.filter() != null
              ? Servlets.filter(
                  "cors", CorsFilter.class, new ImmediateInstanceFactory<>(app.filter()))
              : Servlets.filter("cors", CorsFilter.class);
      filter.setAsyncSupported(true);
      app.initParams().forEach(filter::addInitParam);
      DeploymentInfo info =
          Servlets.deployment()
              .setClassLoader(Container.class.getClassLoader())
              .setContextPath(path)
              .setDeploymentName("corsair-" + DEPLOYMENTS.incrementAndGet())
              // Undertow initialises filters on first use unless told otherwise (Spring Boot
              // and WildFly turn this on); eager, a bad init-param fails the deployment.
              .setEagerFilterInit(true)
              .addFilter(filter);
      for (DispatcherType t : DISPATCHES) {
        info.addFilterUrlMapping("cors", "/*", t);
      }
      int i = 0;
      for (Map.Entry<String, Servlet> s : app.allServlets().entrySet()) {
        Servlet servlet = s.getValue();
        ServletInfo si =
            Servlets.servlet(
                    "servlet" + i++, servlet.getClass(), new ImmediateInstanceFactory<>(servlet))
                .addMapping(s.getKey())
                .setAsyncSupported(true);
        info.addServlet(si);
      }
      if (app.errorPage()) {
        info.addErrorPage(new io.undertow.servlet.api.ErrorPage("/error"));
      }
      if (app.exceptionPage() != null) {
        info.addErrorPage(new io.undertow.servlet.api.ErrorPage("/error", app.exceptionPage()));
      }
      manager = Servlets.defaultContainer().addDeployment(info);
      manager.deploy();
      try {
        server =
            Undertow.builder()
                .addHttpListener(0, Loopback.HOST)
                .setHandler(Handlers.path().addPrefixPath(path, manager.start()))
                .build();
      } catch (Exception e) {
        manager.undeploy();
        throw e;
      }
      server.start();
      InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
      base = URI.create("http://" + Loopback.HOST + ":" + address.getPort() + app.contextPath());
    }

    @Override
    void stop() throws Exception {
      server.stop();
      try {
        manager.stop();
      } finally {
        manager.undeploy();
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
