package dev.portcullis.servlet;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Reason;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.http.RequestOrigin;
import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.internal.BoundedBody;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.internal.LazyForm;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.http.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The core's read-only {@link AuthRequest} view of an {@link HttpServletRequest}.
 *
 * <p>Scheme, host, port and {@link #secure()} are what the server can vouch for
 * ({@link RequestOrigin}): secure means the connection is TLS, which the container tells by the
 * {@value #CIPHER_SUITE_ATTRIBUTE} or {@value #CERTIFICATES_ATTRIBUTE} attribute (Servlet 6.0
 * section 3.10), never {@code getScheme()} or {@code isSecure()}, which containers derive from the
 * request line an absolute-form target or an HTTP/2 {@code :scheme} lets the client write; or a
 * trusted proxy's {@code Forwarded} / {@code X-Forwarded-Proto} ({@link TrustedProxies}, counted only
 * from a listed peer). A container whose connector is declared secure without TLS (Tomcat's
 * {@code secure="true"} behind a TLS proxy) is therefore not believed: list the proxy in
 * {@link AdapterOptions#trustedProxies()} instead. A request whose target contradicts the connection
 * has a {@link #conflict()}, which the adapters answer with 400 ({@link #conflictDenial}). From a
 * direct peer (no trusted proxy, no public base URL) only the target's scheme is checked up front;
 * the {@code Host} header is read, and checked against the target, when a scheme first asks for the
 * host or port (Digest's absolute {@code uri}, OAuth's base string), which then throws
 * {@link MalformedException} (400) on a conflict. A Basic or Bearer request thus costs no
 * {@code Host} parsing; the container has already refused two {@code Host} headers or one that
 * names another authority than the target ({@link RequestOrigin#direct}). The path and
 * query are the raw, still percent-encoded forms ({@code getRequestURI()}, {@code getQueryString()}).
 * The body is read from the input stream only when a scheme asks for it, up to a cap, and kept so
 * the application can read it again ({@link #bufferedBody()}). Form parameters are decoded from
 * those bytes with {@link FormCodec}; {@code request.getParameter} is never called, because it
 * would consume the stream.
 *
 * <pre>{@code
 * AuthRequest view = new ServletAuthRequest(httpRequest, TrustedProxies.none(), 1 << 20);
 * Outcome outcome = gate.authenticate(view);
 * }</pre>
 *
 * <p>Not thread-safe: a view belongs to one request.
 */
public final class ServletAuthRequest implements AuthRequest {
  /** The Servlet attribute a container sets on a request that arrived over TLS. */
  public static final String CIPHER_SUITE_ATTRIBUTE = "jakarta.servlet.request.cipher_suite";

  /** The Servlet attribute holding the client's certificate chain (TLS with client certificates). */
  public static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

  /** The request attribute under which {@link #origin} leaves the resolved {@link RequestOrigin}. */
  public static final String ORIGIN_ATTRIBUTE = "dev.portcullis.servlet.origin";

  private final HttpServletRequest request;
  private final AdapterOptions options;
  private final String remoteAddress;
  private final boolean tls;
  // Resolved in the constructor for a trusted proxy or a public base URL; for a direct peer, when a
  // scheme first asks for the host or port (most requests never do).
  private @Nullable RequestOrigin resolved;
  // For a direct peer: the scheme conflict, checked on every request.
  private final @Nullable String schemeConflict;
  private byte @Nullable [] body;
  // Made on first use: most requests never ask for form parameters.
  private @Nullable LazyForm form;

  /**
   * Wraps {@code request}.
   *
   * @param request the servlet request
   * @param proxies the proxies whose forwarding headers are believed
   * @param maxBodyBytes the most body bytes buffered for a scheme that needs the body
   * @throws IllegalArgumentException if {@code maxBodyBytes} is negative
   */
  public ServletAuthRequest(HttpServletRequest request, TrustedProxies proxies, int maxBodyBytes) {
    this(request, AdapterOptions.builder().trustedProxies(proxies).maxBodyBytes(maxBodyBytes).build());
  }

  /**
   * Wraps {@code request} with the adapter's options (trusted proxies, public base URL, body cap).
   *
   * @param request the servlet request
   * @param options the adapter's transport settings
   */
  public ServletAuthRequest(HttpServletRequest request, AdapterOptions options) {
    this.request = Objects.requireNonNull(request, "request");
    this.options = options;
    String remote = request.getRemoteAddr();
    this.remoteAddress = remote == null ? "" : remote;
    this.tls = tls(request);
    if (RequestOrigin.direct(remoteAddress, options)) {
      this.schemeConflict = RequestOrigin.schemeConflict(tls, request.getScheme());
      if (request.getAttribute(ORIGIN_ATTRIBUTE) != null) {
        request.removeAttribute(ORIGIN_ATTRIBUTE);
      }
    } else {
      this.schemeConflict = null;
      this.resolved = origin(request, options);
    }
  }

  /** The origin, resolved now if it was not yet; a request whose origin conflicts is malformed. */
  private RequestOrigin resolved() {
    RequestOrigin r = resolved;
    if (r == null) {
      r = resolve(request, remoteAddress, tls, options);
      resolved = r;
    }
    String c = r.conflict();
    if (c != null) {
      throw new MalformedException(c);
    }
    return r;
  }

  private static boolean tls(HttpServletRequest request) {
    return request.getAttribute(CIPHER_SUITE_ATTRIBUTE) != null
        || request.getAttribute(CERTIFICATES_ATTRIBUTE) != null;
  }

  private static RequestOrigin resolve(HttpServletRequest request, String remote, boolean tls,
      AdapterOptions options) {
    return RequestOrigin.resolve(
        new RequestOrigin.Connection(tls, remote, request.getLocalPort()),
        new RequestOrigin.Target(request.getScheme(), request.getServerName(), request.getServerPort()),
        name -> headers(request, name), options);
  }

  /**
   * Resolves where {@code request} really came from ({@link RequestOrigin}). When a trusted proxy
   * or a public base URL supplied the answer, it is left as the request attribute
   * {@value #ORIGIN_ATTRIBUTE}, so code that only has the request (the authorize pages' cookie
   * flags) reads the same answer through {@link #secure(HttpServletRequest)}; otherwise the answer
   * is the connection's own, which {@link #secure(HttpServletRequest)} reads from the connection
   * attributes, so no attribute is written (a map entry per request saved) and a stale one is removed.
   */
  public static RequestOrigin origin(HttpServletRequest request, AdapterOptions options) {
    String remote = request.getRemoteAddr();
    RequestOrigin origin = resolve(request, remote == null ? "" : remote, tls(request), options);
    if (origin.viaTrustedProxy() || options.publicBaseUrl() != null) {
      request.setAttribute(ORIGIN_ATTRIBUTE, origin);
    } else if (request.getAttribute(ORIGIN_ATTRIBUTE) != null) {
      request.removeAttribute(ORIGIN_ATTRIBUTE);
    }
    return origin;
  }

  /**
   * Whether {@code request} is secure as the adapters decide it: the origin an adapter resolved for
   * it ({@value #ORIGIN_ATTRIBUTE}), or else whether the connection itself is TLS.
   */
  public static boolean secure(HttpServletRequest request) {
    if (request.getAttribute(ORIGIN_ATTRIBUTE) instanceof RequestOrigin o) {
      return o.secure();
    }
    return tls(request);
  }

  /**
   * Why this request's target contradicts its connection or {@code Host} header, or null; an
   * adapter answers a conflict with {@link #conflictDenial} before authenticating.
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

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String scheme() {
    RequestOrigin r = resolved;
    return r != null ? r.scheme() : tls ? "https" : "http";
  }

  /**
   * {@inheritDoc}
   *
   * @throws MalformedException if the {@code Host} header, checked now, contradicts the target (a
   *     container that let it through; see {@link RequestOrigin#direct})
   */
  @Override
  public String host() {
    return resolved().host();
  }

  /**
   * {@inheritDoc}
   *
   * @throws MalformedException likewise
   */
  @Override
  public int port() {
    return resolved().port();
  }

  @Override
  public String rawPath() {
    return request.getRequestURI();
  }

  @Override
  public @Nullable String rawQuery() {
    return request.getQueryString();
  }

  @Override
  public List<String> headers(String name) {
    return headers(request, name);
  }

  private static List<String> headers(HttpServletRequest request, String name) {
    Enumeration<String> e = request.getHeaders(name);
    if (e == null || !e.hasMoreElements()) {
      return List.of();
    }
    String first = e.nextElement();
    if (!e.hasMoreElements()) {
      return List.of(first);
    }
    List<String> all = new ArrayList<>(2);
    all.add(first);
    all.addAll(Collections.list(e));
    return Collections.unmodifiableList(all);
  }

  @Override
  public boolean secure() {
    RequestOrigin r = resolved;
    return r != null ? r.secure() : tls;
  }

  @Override
  public String remoteAddress() {
    return remoteAddress;
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

  /**
   * Reads the body on first use.
   *
   * @throws BodyTooLargeException if the declared or actual length exceeds the cap
   * @throws MalformedException if the stream breaks off (a truncated or badly chunked upload)
   */
  @Override
  public byte[] body() {
    if (body == null) {
      body = read();
    }
    return body;
  }

  /** The body bytes if a scheme asked for them, else null (the stream is then untouched). */
  public byte @Nullable [] bufferedBody() {
    return body;
  }

  private byte[] read() {
    long declared = request.getContentLengthLong();
    int maxBodyBytes = options.maxBodyBytes();
    if (declared > maxBodyBytes) {
      throw new BodyTooLargeException(maxBodyBytes);
    }
    // Tells a later refusal that an Expect: 100-continue client has now been asked for the body.
    request.setAttribute(Denials.BODY_OPENED_ATTRIBUTE, Boolean.TRUE);
    // Not closed: the container owns the stream, and a refusal may still swallow what is left.
    return BoundedBody.read(request::getInputStream, declared, maxBodyBytes);
  }

  @Override
  public String toString() {
    // Header values are left out on purpose: Authorization carries secrets.
    return "ServletAuthRequest[" + method() + " " + rawPath() + "]";
  }
}
