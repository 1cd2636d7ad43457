package dev.portcullis.bench.adapter;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The least an {@code HttpServletRequest} must answer for {@code AuthFilter} on a plain-HTTP GET,
 * made fresh per benchmark operation as a container would: method, URI, servlet path, the peer,
 * headers (a case-insensitive map, one lookup per call, no copying) and attributes. Every other
 * method goes to a delegate that throws, so a new call on the filter path shows up as an error
 * here instead of being silently answered. Deliberately cheaper than Spring's
 * MockHttpServletRequest (which lower-cases the header name and builds a stream per
 * {@code getHeaders}), so what the benchmark measures is the filter. Not thread-safe.
 */
public final class BenchServletRequest extends HttpServletRequestWrapper {
  private static final HttpServletRequest UNSUPPORTED = (HttpServletRequest) Proxy.newProxyInstance(
      BenchServletRequest.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class},
      (proxy, method, args) -> {
        throw new UnsupportedOperationException("BenchServletRequest does not answer " + method.getName());
      });

  private final String method;
  private final String uri;
  private final @Nullable String query;
  private final String host;
  private final int port;
  private final Map<String, List<String>> headers;
  private final Map<String, Object> attributes = new HashMap<>(8);

  /**
   * @param headers header values in a case-insensitive map (a {@code TreeMap} over
   *     {@link String#CASE_INSENSITIVE_ORDER}: a lookup without lower-casing, as containers do),
   *     shared between requests (never modified)
   */
  public BenchServletRequest(String method, String uri, @Nullable String query, String host, int port,
      Map<String, List<String>> headers) {
    super(UNSUPPORTED);
    this.method = method;
    this.uri = uri;
    this.query = query;
    this.host = host;
    this.port = port;
    this.headers = headers;
  }

  private @Nullable List<String> values(String name) {
    return headers.get(name);
  }

  @Override public String getMethod() { return method; }
  @Override public String getRequestURI() { return uri; }
  @Override public @Nullable String getQueryString() { return query; }
  @Override public String getServletPath() { return uri; }
  @Override public @Nullable String getPathInfo() { return null; }
  @Override public String getContextPath() { return ""; }
  @Override public String getScheme() { return "http"; }
  @Override public String getServerName() { return host; }
  @Override public int getServerPort() { return port; }
  @Override public boolean isSecure() { return false; }
  @Override public String getRemoteAddr() { return "127.0.0.1"; }
  @Override public int getLocalPort() { return port; }
  @Override public String getProtocol() { return "HTTP/1.1"; }
  @Override public long getContentLengthLong() { return -1; }
  @Override public int getContentLength() { return -1; }
  @Override public @Nullable String getContentType() { return null; }

  @Override
  public @Nullable String getHeader(String name) {
    List<String> v = values(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    List<String> v = values(name);
    return v == null ? Collections.emptyEnumeration() : Collections.enumeration(v);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return Collections.enumeration(headers.keySet());
  }

  @Override public @Nullable Object getAttribute(String name) { return attributes.get(name); }
  @Override public void setAttribute(String name, Object o) { attributes.put(name, o); }
  @Override public void removeAttribute(String name) { attributes.remove(name); }
  @Override public Enumeration<String> getAttributeNames() { return Collections.enumeration(attributes.keySet()); }
}
