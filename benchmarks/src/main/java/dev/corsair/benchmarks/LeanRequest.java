package dev.corsair.benchmarks;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * A lean {@link HttpServletRequest}: fixed request line and headers, attributes in a small array
 * that {@link #reset()} clears without allocating. It allocates only where the API forces it (an
 * {@code Enumeration} for a header that is present; containers allocate there too). Only what CORS
 * filters read is implemented; anything else throws, so a filter that needs more is noticed. The
 * same object for every filter.
 */
final class LeanRequest implements HttpServletRequest {
  private static final int MAX_ATTRIBUTES = 16;

  private final String method;
  private final String uri;
  private final String[] names;
  private final String[] values;
  private final String[] attributeNames = new String[MAX_ATTRIBUTES];
  private final Object[] attributeValues = new Object[MAX_ATTRIBUTES];
  private int attributes;

  /** A request of scenario {@code s} for {@code https://api.example.com/api/items}. */
  LeanRequest(Scenario s) {
    this.method = s.method;
    this.uri = Scenario.PATH;
    String[][] h = Headers.of(s);
    this.names = h[0];
    this.values = h[1];
  }

  /** Forgets the attributes a filter set; allocates nothing. */
  void reset() {
    for (int i = 0; i < attributes; i++) {
      attributeNames[i] = null;
      attributeValues[i] = null;
    }
    attributes = 0;
  }

  @Override
  public String getHeader(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    String v = getHeader(name);
    return v == null ? Collections.emptyEnumeration() : new One(v);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return new Values(names);
  }

  @Override
  public int getIntHeader(String name) {
    String v = getHeader(name);
    return v == null ? -1 : Integer.parseInt(v);
  }

  @Override
  public long getDateHeader(String name) {
    if (getHeader(name) != null) {
      throw new UnsupportedOperationException("getDateHeader");
    }
    return -1;
  }

  @Override
  public String getMethod() {
    return method;
  }

  @Override
  public String getRequestURI() {
    return uri;
  }

  @Override
  public StringBuffer getRequestURL() {
    return new StringBuffer("https://api.example.com").append(uri);
  }

  @Override
  public String getScheme() {
    return "https";
  }

  @Override
  public String getServerName() {
    return "api.example.com";
  }

  @Override
  public int getServerPort() {
    return 443;
  }

  @Override
  public boolean isSecure() {
    return true;
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public String getContextPath() {
    return "";
  }

  @Override
  public String getServletPath() {
    return uri;
  }

  @Override
  public String getPathInfo() {
    return null;
  }

  @Override
  public String getQueryString() {
    return null;
  }

  @Override
  public DispatcherType getDispatcherType() {
    return DispatcherType.REQUEST;
  }

  @Override
  public String getContentType() {
    return getHeader("Content-Type");
  }

  @Override
  public String getCharacterEncoding() {
    return null;
  }

  @Override
  public int getContentLength() {
    return -1;
  }

  @Override
  public long getContentLengthLong() {
    return -1;
  }

  @Override
  public boolean isAsyncSupported() {
    return true;
  }

  @Override
  public boolean isAsyncStarted() {
    return false;
  }

  @Override
  public ServletContext getServletContext() {
    return null;
  }

  @Override
  public int getLocalPort() {
    return 443;
  }

  @Override
  public String getLocalName() {
    return "api.example.com";
  }

  @Override
  public String getLocalAddr() {
    return "127.0.0.1";
  }

  @Override
  public String getRemoteAddr() {
    return "127.0.0.1";
  }

  @Override
  public String getRemoteHost() {
    return "127.0.0.1";
  }

  @Override
  public int getRemotePort() {
    return 50000;
  }

  @Override
  public Object getAttribute(String name) {
    for (int i = 0; i < attributes; i++) {
      if (attributeNames[i].equals(name)) {
        return attributeValues[i];
      }
    }
    return null;
  }

  @Override
  public void setAttribute(String name, Object value) {
    if (value == null) {
      removeAttribute(name);
      return;
    }
    for (int i = 0; i < attributes; i++) {
      if (attributeNames[i].equals(name)) {
        attributeValues[i] = value;
        return;
      }
    }
    attributeNames[attributes] = name;
    attributeValues[attributes++] = value;
  }

  @Override
  public void removeAttribute(String name) {
    for (int i = 0; i < attributes; i++) {
      if (attributeNames[i].equals(name)) {
        attributes--;
        attributeNames[i] = attributeNames[attributes];
        attributeValues[i] = attributeValues[attributes];
        attributeNames[attributes] = null;
        attributeValues[attributes] = null;
        return;
      }
    }
  }

  @Override
  public Enumeration<String> getAttributeNames() {
    String[] copy = new String[attributes];
    System.arraycopy(attributeNames, 0, copy, 0, attributes);
    return new Values(copy);
  }

  /** The one value of a header line. */
  private static final class One implements Enumeration<String> {
    private String value;

    One(String value) {
      this.value = value;
    }

    @Override
    public boolean hasMoreElements() {
      return value != null;
    }

    @Override
    public String nextElement() {
      String v = value;
      if (v == null) {
        throw new NoSuchElementException();
      }
      value = null;
      return v;
    }
  }

  /** An enumeration over an array, as containers return for header values. */
  private static final class Values implements Enumeration<String> {
    private final String[] items;
    private int next;

    Values(String[] items) {
      this.items = items;
    }

    @Override
    public boolean hasMoreElements() {
      return next < items.length;
    }

    @Override
    public String nextElement() {
      if (next >= items.length) {
        throw new NoSuchElementException();
      }
      return items[next++];
    }
  }

  // Not used by CORS filters.
  @Override
  public <T extends jakarta.servlet.http.HttpUpgradeHandler> T upgrade(java.lang.Class<T> p0)
      throws java.io.IOException, jakarta.servlet.ServletException {
    throw new UnsupportedOperationException("upgrade");
  }

  @Override
  public boolean authenticate(jakarta.servlet.http.HttpServletResponse p0)
      throws java.io.IOException, jakarta.servlet.ServletException {
    throw new UnsupportedOperationException("authenticate");
  }

  @Override
  public boolean isRequestedSessionIdFromCookie() {
    throw new UnsupportedOperationException("isRequestedSessionIdFromCookie");
  }

  @Override
  public boolean isRequestedSessionIdFromURL() {
    throw new UnsupportedOperationException("isRequestedSessionIdFromURL");
  }

  @Override
  public boolean isRequestedSessionIdValid() {
    throw new UnsupportedOperationException("isRequestedSessionIdValid");
  }

  @Override
  public boolean isUserInRole(java.lang.String p0) {
    throw new UnsupportedOperationException("isUserInRole");
  }

  @Override
  public jakarta.servlet.AsyncContext getAsyncContext() {
    throw new UnsupportedOperationException("getAsyncContext");
  }

  @Override
  public jakarta.servlet.AsyncContext startAsync() throws java.lang.IllegalStateException {
    throw new UnsupportedOperationException("startAsync");
  }

  @Override
  public jakarta.servlet.AsyncContext startAsync(
      jakarta.servlet.ServletRequest p0, jakarta.servlet.ServletResponse p1)
      throws java.lang.IllegalStateException {
    throw new UnsupportedOperationException("startAsync");
  }

  @Override
  public jakarta.servlet.RequestDispatcher getRequestDispatcher(java.lang.String p0) {
    throw new UnsupportedOperationException("getRequestDispatcher");
  }

  @Override
  public jakarta.servlet.ServletConnection getServletConnection() {
    throw new UnsupportedOperationException("getServletConnection");
  }

  @Override
  public jakarta.servlet.ServletInputStream getInputStream() throws java.io.IOException {
    throw new UnsupportedOperationException("getInputStream");
  }

  @Override
  public jakarta.servlet.http.Cookie[] getCookies() {
    throw new UnsupportedOperationException("getCookies");
  }

  @Override
  public jakarta.servlet.http.HttpSession getSession() {
    throw new UnsupportedOperationException("getSession");
  }

  @Override
  public jakarta.servlet.http.HttpSession getSession(boolean p0) {
    throw new UnsupportedOperationException("getSession");
  }

  @Override
  public jakarta.servlet.http.Part getPart(java.lang.String p0)
      throws java.io.IOException, jakarta.servlet.ServletException {
    throw new UnsupportedOperationException("getPart");
  }

  @Override
  public java.io.BufferedReader getReader() throws java.io.IOException {
    throw new UnsupportedOperationException("getReader");
  }

  @Override
  public java.lang.String changeSessionId() {
    throw new UnsupportedOperationException("changeSessionId");
  }

  @Override
  public java.lang.String getAuthType() {
    throw new UnsupportedOperationException("getAuthType");
  }

  @Override
  public java.lang.String getParameter(java.lang.String p0) {
    throw new UnsupportedOperationException("getParameter");
  }

  @Override
  public java.lang.String getPathTranslated() {
    throw new UnsupportedOperationException("getPathTranslated");
  }

  @Override
  public java.lang.String getProtocolRequestId() {
    throw new UnsupportedOperationException("getProtocolRequestId");
  }

  @Override
  public java.lang.String getRemoteUser() {
    throw new UnsupportedOperationException("getRemoteUser");
  }

  @Override
  public java.lang.String getRequestId() {
    throw new UnsupportedOperationException("getRequestId");
  }

  @Override
  public java.lang.String getRequestedSessionId() {
    throw new UnsupportedOperationException("getRequestedSessionId");
  }

  @Override
  public java.lang.String[] getParameterValues(java.lang.String p0) {
    throw new UnsupportedOperationException("getParameterValues");
  }

  @Override
  public java.security.Principal getUserPrincipal() {
    throw new UnsupportedOperationException("getUserPrincipal");
  }

  @Override
  public java.util.Collection<jakarta.servlet.http.Part> getParts()
      throws java.io.IOException, jakarta.servlet.ServletException {
    throw new UnsupportedOperationException("getParts");
  }

  @Override
  public java.util.Enumeration<java.lang.String> getParameterNames() {
    throw new UnsupportedOperationException("getParameterNames");
  }

  @Override
  public java.util.Enumeration<java.util.Locale> getLocales() {
    throw new UnsupportedOperationException("getLocales");
  }

  @Override
  public java.util.Locale getLocale() {
    throw new UnsupportedOperationException("getLocale");
  }

  @Override
  public java.util.Map<java.lang.String, java.lang.String[]> getParameterMap() {
    throw new UnsupportedOperationException("getParameterMap");
  }

  @Override
  public void login(java.lang.String p0, java.lang.String p1)
      throws jakarta.servlet.ServletException {
    throw new UnsupportedOperationException("login");
  }

  @Override
  public void logout() throws jakarta.servlet.ServletException {
    throw new UnsupportedOperationException("logout");
  }

  @Override
  public void setCharacterEncoding(java.lang.String p0)
      throws java.io.UnsupportedEncodingException {
    throw new UnsupportedOperationException("setCharacterEncoding");
  }
}
