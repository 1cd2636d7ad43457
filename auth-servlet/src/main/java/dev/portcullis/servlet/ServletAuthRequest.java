package dev.portcullis.servlet;

import dev.portcullis.core.AuthRequest;
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
 * <p>Scheme, host, port and {@link #secure()} are resolved through {@link TrustedProxies} from the
 * connection's peer address, so forwarding headers count only from a trusted proxy. The path and
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
  private final HttpServletRequest request;
  private final int maxBodyBytes;
  private final TrustedProxies.Resolved resolved;
  private byte @Nullable [] body;
  private final LazyForm form = new LazyForm(this::contentType, this::body);

  /**
   * Wraps {@code request}.
   *
   * @param request the servlet request
   * @param proxies the proxies whose forwarding headers are believed
   * @param maxBodyBytes the most body bytes buffered for a scheme that needs the body
   * @throws IllegalArgumentException if {@code maxBodyBytes} is negative
   */
  public ServletAuthRequest(HttpServletRequest request, TrustedProxies proxies, int maxBodyBytes) {
    this.request = Objects.requireNonNull(request, "request");
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must not be negative");
    }
    this.maxBodyBytes = maxBodyBytes;
    String host = request.getServerName();
    this.resolved = proxies.resolve(remoteAddress(), request.getScheme(),
        host == null ? "" : host, request.getServerPort(), this::headers);
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String scheme() {
    return resolved.scheme();
  }

  @Override
  public String host() {
    return resolved.host();
  }

  @Override
  public int port() {
    return resolved.port();
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
    return resolved.secure();
  }

  @Override
  public String remoteAddress() {
    String a = request.getRemoteAddr();
    return a == null ? "" : a;
  }

  @Override
  public List<Param> formParameters() {
    return form.params();
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
