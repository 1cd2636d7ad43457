package dev.portcullis.core.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The scheme, host and port a request was really made with, and whether it is secure, decided from
 * what the server can vouch for: the connection, a trusted proxy, or a configured public base URL;
 * never from what the client wrote in the request line.
 *
 * <p>Why: a client may send an absolute-form request target (RFC 9112 section 3.2.2,
 * {@code GET https://api.example.com/v2/items HTTP/1.1}) or an HTTP/2 {@code :scheme} of its choice
 * over a plain connection, and containers derive {@code getScheme()}, {@code isSecure()} and the
 * JAX-RS {@code UriInfo} from it. Trusting those would let a request on the plain port pass an
 * HTTPS requirement and send its secrets in clear. So:
 * <ul>
 *   <li>{@link #secure()} is true only when the connection itself is TLS, or when a trusted proxy
 *       ({@link TrustedProxies}) says {@code proto=https} / {@code X-Forwarded-Proto: https}.
 *   <li>A request from a direct (untrusted) peer whose target names a scheme that is not the
 *       connection's ({@code https} on a plain connection, {@code http} over TLS), or whose target
 *       authority names another host or port than its {@code Host} header, has a {@link #conflict()}:
 *       every adapter refuses it with 400 and the JSON error body (error {@code invalid_request},
 *       the conflict as its message) before any credential is looked at. Refusing, rather than quietly using the connection's values, is the
 *       safe answer: such a request is either an attack or a client that believes it talks to a
 *       proxy, and neither should be served. Two {@code Host} headers are refused the same way.
 *   <li>From a trusted proxy the scheme check is skipped: the container may have applied the
 *       proxy's forwarding headers itself, and the proxy's word decides.
 *   <li>With {@link AdapterOptions#publicBaseUrl()} set, {@link #scheme()}, {@link #host()} and
 *       {@link #port()} are the base URL's (what the OAuth 1.0a base string URI of RFC 5849 section
 *       3.4.1.2 and Digest's {@code uri} check are built from), while {@link #secure()} still comes
 *       from the connection or the trusted proxy.
 * </ul>
 *
 * <pre>{@code
 * RequestOrigin origin = RequestOrigin.resolve(
 *     new RequestOrigin.Connection(tls, request.getRemoteAddr(), request.getLocalPort()),
 *     new RequestOrigin.Target(request.getScheme(), request.getServerName(), request.getServerPort()),
 *     request::headers, options);
 * if (origin.conflict() != null) {
 *   refuse(Denial.json(400, List.of(), Reason.MALFORMED_REQUEST.code(), origin.conflict()));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RequestOrigin {
  private final String scheme;
  private final String host;
  private final int port;
  private final boolean secure;
  private final boolean viaTrustedProxy;
  private final @Nullable String conflict;

  private RequestOrigin(String scheme, String host, int port, boolean secure, boolean viaTrustedProxy,
      @Nullable String conflict) {
    this.scheme = scheme;
    this.host = host;
    this.port = port;
    this.secure = secure;
    this.viaTrustedProxy = viaTrustedProxy;
    this.conflict = conflict;
  }

  /**
   * What the connection itself says, which no client can forge.
   *
   * @param tls whether the connection is TLS (servlet: the {@code jakarta.servlet.request.cipher_suite}
   *     attribute is present)
   * @param remoteAddress the peer's IP address
   * @param localPort the port the connection was accepted on, or -1 when unknown
   */
  public record Connection(boolean tls, String remoteAddress, int localPort) {
    public Connection {
      Objects.requireNonNull(remoteAddress, "remoteAddress");
    }
  }

  /**
   * What the container derived from the request line ({@code getScheme()}, {@code getServerName()},
   * {@code getServerPort()}, or the request URI's parts): client-written, so only compared, never
   * believed.
   *
   * @param scheme the scheme, or null when the container does not say
   * @param host the host, or null
   * @param port the port, or -1
   */
  public record Target(@Nullable String scheme, @Nullable String host, int port) {}

  /**
   * Resolves one request's origin.
   *
   * @param connection what the connection says
   * @param target what the container derived from the request line
   * @param headers all values of a request header by name
   * @param options the trusted proxies and the public base URL
   */
  public static RequestOrigin resolve(Connection connection, Target target,
      Function<String, List<String>> headers, AdapterOptions options) {
    String connScheme = connection.tls() ? "https" : "http";
    boolean trusted = options.trustedProxies().trusts(connection.remoteAddress());
    String conflict = null;

    List<String> hosts = headers.apply("Host");
    String hostHeader = hosts.isEmpty() ? null : hosts.get(0).trim();
    if (hosts.size() > 1) {
      conflict = "Send exactly one Host header.";
    }
    String hhost = null;
    int hport = -1;
    if (hostHeader != null && !hostHeader.isEmpty()) {
      int colon = hostHeader.lastIndexOf(':');
      if (colon > 0 && hostHeader.indexOf(']') < colon) {
        hhost = hostHeader.substring(0, colon);
        boolean none = colon + 1 == hostHeader.length();
        // read in place: the port's text is never needed as a string
        hport = none ? -1 : port(hostHeader, colon + 1, hostHeader.length());
        if (hport < 0 && !none) {
          conflict = "The Host header has a malformed port.";
        }
      } else {
        hhost = hostHeader;
      }
    }

    String tscheme = target.scheme() == null ? null : target.scheme().toLowerCase(Locale.ROOT);
    if (conflict == null && !trusted) {
      conflict = schemeConflict(connection.tls(), target.scheme());
    }
    if (conflict == null && hhost != null && target.host() != null && !target.host().isEmpty()
        && (!bare(hhost).equalsIgnoreCase(bare(target.host()))
            || hport > 0 && target.port() > 0 && hport != target.port())) {
      conflict = "The request target's authority does not match the Host header.";
    }

    String host = hhost != null ? hhost : target.host() == null ? "" : target.host();
    int port;
    if (hport > 0) {
      port = hport;
    } else if (target.port() > 0 && (tscheme == null || tscheme.equals(connScheme) || trusted)) {
      port = target.port();
    } else {
      port = connection.tls() ? 443 : 80;
    }
    URI base = options.publicBaseUrl();
    if (!trusted && base == null) {
      // What TrustedProxies.resolve answers for a direct peer, without asking it to parse the
      // address a second time: the connection's scheme, the Host header's authority.
      return new RequestOrigin(connScheme, host, port, connection.tls(), false, conflict);
    }
    TrustedProxies.Resolved r = options.trustedProxies().resolve(connection.remoteAddress(),
        connScheme, host, port, headers);
    if (base != null) {
      String bs = base.getScheme().toLowerCase(Locale.ROOT);
      int bp = base.getPort() > 0 ? base.getPort() : bs.equals("https") ? 443 : 80;
      return new RequestOrigin(bs, base.getHost(), bp, r.secure(), r.viaTrustedProxy(), conflict);
    }
    return new RequestOrigin(r.scheme(), r.host(), r.port(), r.secure(), r.viaTrustedProxy(), conflict);
  }

  /**
   * Whether {@link #resolve} would answer for {@code remoteAddress} from the connection alone: the
   * peer is no trusted proxy and no public base URL is set. Then {@link #scheme()} is the
   * connection's ({@code https} exactly when it is TLS), {@link #secure()} is whether it is TLS, and
   * the only conflict that needs no header is {@link #schemeConflict}; so an adapter can check that
   * on every request and leave the rest of {@link #resolve} (the {@code Host} header, the target's
   * authority) until a scheme asks for the host or port.
   *
   * <p>Why that is safe: RFC 9112 section 3.2 makes refusing two {@code Host} headers or a malformed
   * one the server's duty, and the containers refuse an absolute-form target whose authority is not
   * {@code Host} as well (Jetty 12: "Authority!=Host"; Tomcat 11 likewise) before any filter runs.
   * What they let through is the scheme: a plain connection with an {@code https://} target, which
   * Jetty reports as {@code isSecure()}.
   */
  public static boolean direct(String remoteAddress, AdapterOptions options) {
    return options.publicBaseUrl() == null && !options.trustedProxies().trusts(remoteAddress);
  }

  /**
   * The conflict {@link #resolve} finds between a direct peer's connection and the scheme its
   * request target names ({@code https} on a plain connection, {@code http} over TLS), or null.
   *
   * @param tls whether the connection is TLS
   * @param targetScheme the scheme the container derived from the request line, or null
   */
  public static @Nullable String schemeConflict(boolean tls, @Nullable String targetScheme) {
    if (targetScheme == null || targetScheme.equalsIgnoreCase(tls ? "https" : "http")) {
      return null;
    }
    return tls
        ? "The request target names a plain-HTTP URL, but the connection is TLS."
        : "The request target names an HTTPS URL, but the connection is plain HTTP:"
            + " send the request to the HTTPS port.";
  }

  /** {@code "http"} or {@code "https"}: the connection's, a trusted proxy's, or the public base URL's. */
  public String scheme() {
    return scheme;
  }

  /** The host the client addressed ({@code Host}, a trusted proxy's, or the public base URL's). */
  public String host() {
    return host;
  }

  /** The port the client addressed, likewise. */
  public int port() {
    return port;
  }

  /** Whether the connection is TLS, or a trusted proxy says the client used HTTPS. */
  public boolean secure() {
    return secure;
  }

  /** Whether a trusted proxy supplied the values. */
  public boolean viaTrustedProxy() {
    return viaTrustedProxy;
  }

  /**
   * Why the request target contradicts the connection or the {@code Host} header, or null when it
   * does not; the message is safe to send (it never repeats the client's input).
   */
  public @Nullable String conflict() {
    return conflict;
  }

  @Override
  public String toString() {
    return "RequestOrigin[" + scheme + "://" + host + ":" + port + (secure ? ", secure" : "")
        + (conflict != null ? ", conflict" : "") + "]";
  }

  private static String bare(String host) {
    String h = host.trim();
    if (h.length() >= 2 && h.charAt(0) == '[' && h.charAt(h.length() - 1) == ']') {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  /** {@link #port(String)} of {@code s[from, to)}, without copying it out when it needs no trim. */
  private static int port(String s, int from, int to) {
    if (from < to && s.charAt(from) > ' ' && s.charAt(to - 1) > ' ' && to - from <= 5) {
      int v = 0;
      for (int i = from; i < to; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        v = v * 10 + (c - '0');
      }
      return v > 0 && v <= 65535 ? v : -1;
    }
    return port(s.substring(from, to));
  }

  private static int port(String s) {
    String t = s.trim();
    if (t.isEmpty() || t.length() > 5) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v > 0 && v <= 65535 ? v : -1;
  }
}
