package dev.portcullis.jaxrs;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Reason;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.http.RequestOrigin;
import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.internal.BoundedBody;
import dev.portcullis.core.internal.LazyForm;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.http.TrustedProxies;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The core's request view over a JAX-RS {@link ContainerRequestContext}.
 *
 * <p>Path and query are the raw ones (RFC 3986 section 3.3 and 3.4, still percent-encoded) of
 * {@link jakarta.ws.rs.core.UriInfo#getRequestUri()}. Scheme, host, port and {@link #secure()} are
 * what the server can vouch for ({@link RequestOrigin}), never the request URI's scheme, which the
 * container derives from the request line (an absolute-form target lets the client write it):
 * secure means the connection is TLS, read from the request property
 * {@value RemoteAddressResolver#CIPHER_SUITE_PROPERTY} (under Jersey's servlet container the
 * properties are the servlet request's attributes, which the container sets on a TLS connection) or
 * {@value RemoteAddressResolver#SECURE_PROPERTY} ({@link Boolean#TRUE}, for containers without
 * servlet attributes), or a trusted proxy's {@code Forwarded} / {@code X-Forwarded-Proto}
 * ({@link TrustedProxies}, counted only when the peer that the {@link RemoteAddressResolver} reports
 * is listed). A request URI that contradicts the connection has a {@link #conflict()}, which the
 * feature answers with 400. As in the servlet adapter, from a direct peer only the URI's scheme is
 * checked up front; the {@code Host} header is read and checked against the URI's authority when a
 * scheme first asks for the host or port, which then throws {@link MalformedException} (400) on a
 * conflict ({@link RequestOrigin#direct}). The body is read only when a scheme
 * asks for it (Digest {@code auth-int}, OAuth form parameters or {@code oauth_body_hash}), at most
 * {@code maxBodyBytes} of it, and then handed back to JAX-RS as a fresh stream so the resource
 * method reads the same bytes.
 *
 * <pre>{@code
 * AuthRequest view = new JaxrsAuthRequest(requestContext, TrustedProxies.none(),
 *     RemoteAddressResolver.fromProperty(), 1 << 20);
 * Outcome outcome = gate.authenticate(view);
 * }</pre>
 *
 * <p>Not thread-safe: a view belongs to one request.
 */
public final class JaxrsAuthRequest implements AuthRequest {
  private final ContainerRequestContext context;
  private final String remoteAddress;
  private final AdapterOptions options;
  private final URI uri;
  private final boolean tls;
  // Resolved in the constructor for a trusted proxy or a public base URL; for a direct peer, when a
  // scheme first asks for the host or port (RequestOrigin.direct says why that is safe).
  private @Nullable RequestOrigin resolved;
  // For a direct peer: the scheme conflict, checked on every request.
  private final @Nullable String schemeConflict;
  private final int maxBodyBytes;
  private final String rawPath;
  private final @Nullable String rawQuery;
  private byte @Nullable [] body;
  // Made on first use: most requests never ask for form parameters.
  private @Nullable LazyForm form;

  /**
   * Wraps one request.
   *
   * @param context the JAX-RS request
   * @param proxies the proxies whose forwarding headers count
   * @param addresses where the peer address comes from
   * @param maxBodyBytes the most body bytes buffered for a scheme that needs them
   * @throws IllegalArgumentException if {@code maxBodyBytes} is negative
   */
  public JaxrsAuthRequest(ContainerRequestContext context, TrustedProxies proxies,
      RemoteAddressResolver addresses, int maxBodyBytes) {
    this(context, AdapterOptions.builder().trustedProxies(proxies).maxBodyBytes(maxBodyBytes).build(),
        addresses);
  }

  /**
   * Wraps one request with the adapter's options (trusted proxies, public base URL, body cap).
   *
   * @param context the JAX-RS request
   * @param options the adapter's transport settings
   * @param addresses where the peer address comes from
   */
  public JaxrsAuthRequest(ContainerRequestContext context, AdapterOptions options,
      RemoteAddressResolver addresses) {
    this.context = Objects.requireNonNull(context, "context");
    this.maxBodyBytes = options.maxBodyBytes();
    this.options = options;
    this.uri = context.getUriInfo().getRequestUri();
    this.rawPath = uri.getRawPath() == null ? "/" : uri.getRawPath();
    this.rawQuery = uri.getRawQuery();
    String address = addresses.remoteAddress(context);
    this.remoteAddress = address == null ? RemoteAddressResolver.UNKNOWN : address;
    this.tls = tls(context);
    if (RequestOrigin.direct(remoteAddress, options)) {
      this.schemeConflict = RequestOrigin.schemeConflict(tls, uri.getScheme());
    } else {
      this.schemeConflict = null;
      this.resolved = resolve();
    }
  }

  private RequestOrigin resolve() {
    return RequestOrigin.resolve(new RequestOrigin.Connection(tls, remoteAddress, -1),
        new RequestOrigin.Target(uri.getScheme(), uri.getHost(), uri.getPort()), this::headers, options);
  }

  /** The origin, resolved now if it was not yet; a request whose origin conflicts is malformed. */
  private RequestOrigin resolved() {
    RequestOrigin r = resolved;
    if (r == null) {
      r = resolve();
      resolved = r;
    }
    String c = r.conflict();
    if (c != null) {
      throw new MalformedException(c);
    }
    return r;
  }

  /** Whether the connection is TLS, as the container (or the application's own filter) says. */
  static boolean tls(ContainerRequestContext context) {
    return context.getProperty(RemoteAddressResolver.CIPHER_SUITE_PROPERTY) != null
        || context.getProperty(RemoteAddressResolver.CERTIFICATES_PROPERTY) != null
        || Boolean.TRUE.equals(context.getProperty(RemoteAddressResolver.SECURE_PROPERTY));
  }

  /**
   * Why the request URI contradicts the connection or the {@code Host} header, or null; the
   * feature answers a conflict with {@link #conflictDenial()} before authenticating.
   */
  public @Nullable String conflict() {
    RequestOrigin r = resolved;
    return r == null ? schemeConflict : r.conflict();
  }

  /**
   * The 400 for a {@link #conflict()}: the JSON error body, error {@code invalid_request}.
   *
   * @throws IllegalStateException if there is no conflict
   */
  public Denial conflictDenial() {
    String c = conflict();
    if (c == null) {
      throw new IllegalStateException("the request target does not conflict");
    }
    return Denial.json(400, List.of(), Reason.MALFORMED_REQUEST.code(), c);
  }

  @Override public String method() { return context.getMethod(); }
  @Override
  public String scheme() {
    RequestOrigin r = resolved;
    return r != null ? r.scheme() : tls ? "https" : "http";
  }

  /**
   * {@inheritDoc}
   *
   * @throws MalformedException if the {@code Host} header, checked now, contradicts the request URI
   */
  @Override public String host() { return resolved().host(); }

  /**
   * {@inheritDoc}
   *
   * @throws MalformedException likewise
   */
  @Override public int port() { return resolved().port(); }
  @Override public String rawPath() { return rawPath; }
  @Override public @Nullable String rawQuery() { return rawQuery; }

  @Override
  public boolean secure() {
    RequestOrigin r = resolved;
    return r != null ? r.secure() : tls;
  }
  @Override public String remoteAddress() { return remoteAddress; }

  @Override
  public List<String> headers(String name) {
    List<String> values = context.getHeaders().get(name);
    return values == null ? List.of() : Collections.unmodifiableList(values);
  }

  @Override
  public @Nullable String contentType() {
    return context.getHeaderString("Content-Type");
  }

  /** Whether a scheme asked for the body, so it was read and buffered. */
  public boolean bodyBuffered() {
    return body != null;
  }

  @Override
  public byte[] body() {
    if (body == null) {
      body = readBody();
      context.setEntityStream(new ByteArrayInputStream(body));
    }
    return body;
  }

  @Override
  public List<Param> formParameters() {
    LazyForm f = form;
    if (f == null) {
      f = new LazyForm(this::contentType, this::body);
      form = f;
    }
    return f.params();
  }

  private byte[] readBody() {
    if (context.getLength() > maxBodyBytes) {
      // Refuse before reading a byte: the declared length already says too much.
      throw new BodyTooLargeException(maxBodyBytes);
    }
    // Tells a later refusal that an Expect: 100-continue client has now been asked for the body
    // (hasEntity() already reads a byte).
    context.setProperty(Denials.BODY_OPENED, Boolean.TRUE);
    if (!context.hasEntity()) {
      return new byte[0];
    }
    return BoundedBody.read(context::getEntityStream, context.getLength(), maxBodyBytes);
  }

  @Override
  public String toString() {
    // Header values are left out on purpose: Authorization carries secrets.
    return "JaxrsAuthRequest[" + method() + " " + rawPath + "]";
  }
}
