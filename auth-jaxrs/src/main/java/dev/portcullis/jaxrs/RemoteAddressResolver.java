package dev.portcullis.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Finds the address of the peer that opened the connection, which the JAX-RS API does not expose.
 *
 * <p>The address matters only for {@link dev.portcullis.core.http.TrustedProxies}: forwarding
 * headers count only when the peer is a trusted proxy. When the address is unknown no proxy is
 * trusted, which fails closed (a request through a TLS-terminating proxy then looks like plain
 * HTTP).
 *
 * <p>The default, {@link #fromProperty()}, reads the request property {@value #PROPERTY}. With
 * Jersey on a servlet container, request properties are the servlet request's attributes, so a
 * one-line servlet filter sets it without this module depending on the servlet API:
 *
 * <pre>{@code
 * // a jakarta.servlet.Filter in front of Jersey's ServletContainer
 * public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws ... {
 *   req.setAttribute(RemoteAddressResolver.PROPERTY, req.getRemoteAddr());
 *   chain.doFilter(req, res);
 * }
 * }</pre>
 *
 * <p>An application on another container passes its own resolver to
 * {@link PortcullisFeature.Builder#remoteAddressResolver(RemoteAddressResolver)}.
 * Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface RemoteAddressResolver {

  /** The request property (a {@code String}) that {@link #fromProperty()} reads. */
  String PROPERTY = "dev.portcullis.remoteAddress";

  /**
   * The request property (a servlet request attribute under Jersey's servlet container) holding the
   * request's protocol ({@code getProtocol()}, such as {@code HTTP/2.0}); the filter that sets
   * {@link #PROPERTY} should set it too. A refusal that leaves a body unread says
   * {@code Connection: close} only on HTTP/1.x (RFC 9113 section 8.2.2 forbids it on HTTP/2); when
   * this property is absent the protocol is taken to be HTTP/1.1.
   */
  String PROTOCOL_PROPERTY = "dev.portcullis.protocol";

  /**
   * The request property that says the connection is TLS: under Jersey's servlet container it is
   * the servlet attribute every container sets on a TLS request (Servlet 6.0 section 3.10), so
   * nothing needs configuring there.
   */
  String CIPHER_SUITE_PROPERTY = "jakarta.servlet.request.cipher_suite";

  /** The request property holding the client's certificate chain on a TLS connection (servlet). */
  String CERTIFICATES_PROPERTY = "jakarta.servlet.request.X509Certificate";

  /**
   * The request property ({@link Boolean#TRUE}) by which a container without servlet attributes
   * (Jersey on Grizzly or the JDK server, say) tells the feature that the connection is TLS; set it
   * from the connection, never from anything the client sent. Without it, or the servlet attributes,
   * a request is plain HTTP unless a trusted proxy says otherwise: the URI's scheme is never
   * believed, since an absolute-form request line lets the client write it.
   */
  String SECURE_PROPERTY = "dev.portcullis.secure";

  /** What a resolver returns when it cannot tell; never matches a trusted proxy. */
  String UNKNOWN = "unknown";

  /**
   * The peer's IP address as a literal ({@code 10.0.0.7}, {@code ::1}), or {@link #UNKNOWN}.
   *
   * @param request the request being authenticated
   */
  String remoteAddress(ContainerRequestContext request);

  /** Reads the {@value #PROPERTY} request property; {@link #UNKNOWN} when it is not a string. */
  static RemoteAddressResolver fromProperty() {
    return request -> request.getProperty(PROPERTY) instanceof String s && !s.isEmpty() ? s : UNKNOWN;
  }
}
