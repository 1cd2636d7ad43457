package dev.portcullis.core;

import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of one HTTP request, as much of it as authentication needs.
 *
 * <p>Adapters (servlet, JAX-RS) implement this over their native request; tests and benchmarks use
 * {@link AuthRequests#builder()}. Everything is raw as it arrived on the wire except where a method
 * says it was decoded. Scheme, host, port and {@link #secure()} are what the server can vouch for
 * ({@link dev.portcullis.core.http.RequestOrigin}): the connection (TLS or not, the {@code Host} it
 * was sent), a trusted proxy ({@link dev.portcullis.core.http.TrustedProxies}), or the configured
 * public base URL; never the request line's absolute-form target or an HTTP/2 {@code :scheme},
 * which the client writes. So a scheme never reads {@code Forwarded} itself, and {@code requireSecure},
 * OAuth {@code PLAINTEXT} and the OAuth base string URI (RFC 5849 section 3.4.1.2) cannot be steered
 * by the client's request line.
 *
 * <p>Implementations need not be thread-safe: a view belongs to one request.
 */
public interface AuthRequest {

  /** The request method, as sent ({@code GET}, {@code POST}, ...). */
  String method();

  /**
   * {@code "http"} or {@code "https"}, lower case: the connection's, a trusted proxy's, or the public
   * base URL's; never taken from the request line.
   */
  String scheme();

  /** The host the client addressed (no port), after trusted-proxy resolution. */
  String host();

  /** The port the client addressed, after trusted-proxy resolution. */
  int port();

  /** The path as sent, still percent-encoded, without the query. */
  String rawPath();

  /** The query as sent, still percent-encoded, without the {@code '?'}; null when there was none. */
  @Nullable String rawQuery();

  /** Every value of the named header, in arrival order; empty when absent. Names are case-insensitive. */
  List<String> headers(String name);

  /** The first value of the named header, or null. */
  default @Nullable String header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /**
   * Whether the client reached us over TLS: the connection itself is TLS, or a trusted proxy says the
   * client used HTTPS. Nothing the client writes (an {@code https} request line, a forwarding header
   * from an untrusted peer) makes it true.
   */
  boolean secure();

  /** The {@code Content-Type} header, or null. */
  default @Nullable String contentType() {
    return header("Content-Type");
  }

  /**
   * The body's parameters, decoded once, when the body is {@code application/x-www-form-urlencoded};
   * an empty list for any other body.
   *
   * @throws MalformedException if the body is not valid form encoding or not UTF-8
   * @throws BodyTooLargeException if the body exceeds the adapter's buffering cap
   */
  List<Param> formParameters();

  /**
   * The body's bytes, buffered by the adapter up to its cap. Only schemes that need the body call
   * this (Digest {@code auth-int}, OAuth {@code oauth_body_hash}); the application still sees the
   * same bytes afterwards.
   *
   * @throws BodyTooLargeException if the body exceeds the adapter's buffering cap
   */
  byte[] body();

  /** The address of the peer that opened the connection (a proxy, when there is one). */
  String remoteAddress();
}
