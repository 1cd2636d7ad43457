package dev.portcullis.bench.adapter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ContainerRequestContext} as a JAX-RS runtime hands it to request filters, made fresh per
 * benchmark operation: method, request URI (a {@link UriInfo} answering the request URI and the
 * path parameters), headers (shared, read-only, looked up by lower-cased name as Jersey's
 * case-insensitive map does), properties, security context and abort. What the filters do not
 * call throws. Not thread-safe.
 */
public final class BenchRequestContext implements ContainerRequestContext {
  private final String method;
  private final UriInfo uriInfo;
  private final MultivaluedMap<String, String> headers;
  private final Map<String, Object> properties = new HashMap<>(8);
  private @Nullable SecurityContext security;
  private @Nullable Response aborted;

  /**
   * @param headers header values by lower-cased name, shared between requests (never modified)
   * @param uriInfo shared between requests: it only answers the request URI and path parameters
   */
  public BenchRequestContext(String method, UriInfo uriInfo, MultivaluedMap<String, String> headers) {
    this.method = method;
    this.uriInfo = uriInfo;
    this.headers = headers;
  }

  /** Header values keyed by lower-cased name, found whatever the case asked for. */
  public static MultivaluedMap<String, String> headers(Map<String, String> single) {
    MultivaluedHashMap<String, String> m = new MultivaluedHashMap<>() {
      @Override
      public List<String> get(Object key) {
        List<String> v = super.get(key);
        return v != null || !(key instanceof String s) ? v : super.get(s.toLowerCase(Locale.ROOT));
      }
    };
    single.forEach((k, v) -> m.add(k.toLowerCase(Locale.ROOT), v));
    return m;
  }

  /** A UriInfo that answers {@code getRequestUri()} and {@code getPathParameters(..)} only. */
  public static UriInfo uriInfo(URI requestUri, MultivaluedMap<String, String> pathParameters) {
    return (UriInfo) Proxy.newProxyInstance(BenchRequestContext.class.getClassLoader(),
        new Class<?>[] {UriInfo.class}, (proxy, m, args) -> switch (m.getName()) {
          case "getRequestUri", "getAbsolutePath" -> requestUri;
          case "getPathParameters" -> pathParameters;
          default -> throw new UnsupportedOperationException("UriInfo." + m.getName());
        });
  }

  /** The response a filter aborted with, or null when the request went through. */
  public @Nullable Response aborted() {
    return aborted;
  }

  @Override public @Nullable Object getProperty(String name) { return properties.get(name); }
  @Override public Collection<String> getPropertyNames() { return properties.keySet(); }
  @Override public void setProperty(String name, Object object) { properties.put(name, object); }
  @Override public void removeProperty(String name) { properties.remove(name); }
  @Override public UriInfo getUriInfo() { return uriInfo; }
  @Override public void setRequestUri(URI requestUri) { throw new UnsupportedOperationException(); }
  @Override public void setRequestUri(URI baseUri, URI requestUri) { throw new UnsupportedOperationException(); }
  @Override public Request getRequest() { throw new UnsupportedOperationException(); }
  @Override public String getMethod() { return method; }
  @Override public void setMethod(String method) { throw new UnsupportedOperationException(); }
  @Override public MultivaluedMap<String, String> getHeaders() { return headers; }
  @Override public @Nullable String getHeaderString(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : String.join(",", v);
  }
  @Override public @Nullable Date getDate() { return null; }
  @Override public @Nullable Locale getLanguage() { return null; }
  @Override public int getLength() { return -1; }
  @Override public @Nullable MediaType getMediaType() { return null; }
  @Override public List<MediaType> getAcceptableMediaTypes() { return List.of(); }
  @Override public List<Locale> getAcceptableLanguages() { return List.of(); }
  @Override public Map<String, Cookie> getCookies() { return Map.of(); }
  @Override public boolean hasEntity() { return false; }
  @Override public InputStream getEntityStream() { return InputStream.nullInputStream(); }
  @Override public void setEntityStream(InputStream input) { throw new UnsupportedOperationException(); }
  @Override public @Nullable SecurityContext getSecurityContext() { return security; }
  @Override public void setSecurityContext(SecurityContext context) { security = context; }
  @Override public void abortWith(Response response) { aborted = response; }
}
