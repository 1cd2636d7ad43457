package dev.portcullis.core.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The transport settings every Portcullis adapter shares ({@code AuthFilter}, the OAuth endpoints
 * servlet, the Jakarta Security mechanism, the JAX-RS {@code PortcullisFeature}): which proxies are
 * believed, the public base URL the server answers under, how much body a scheme may make the
 * adapter buffer, how much of a refused request's unread body is swallowed, and the
 * {@code Cache-Control} of authenticated responses. One value, one default each, written here once.
 *
 * <p>Why a value of its own rather than settings on the {@code Gate}: the gate decides who the
 * caller is from an {@code AuthRequest} and never touches a stream or a socket; these settings only
 * say how an adapter builds that view and writes the refusal. Keeping them apart leaves the gate
 * transport-free and lets one options value serve several gates (the OAuth endpoints use their own).
 *
 * <pre>{@code
 * AdapterOptions options = AdapterOptions.builder()
 *     .trustedProxies(TrustedProxies.of(List.of("10.0.0.0/8")))
 *     .maxBodyBytes(256 * 1024)
 *     .build();
 * AuthFilter filter = AuthFilter.builder().gate(gate).options(options).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AdapterOptions {
  /** The default cap on buffered body bytes: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  /** The default most bytes of a refused request's unread body read and discarded: 64 KiB. */
  public static final int DEFAULT_SWALLOW_LIMIT = 64 * 1024;

  /** The default {@code Cache-Control} of an authenticated response: {@code no-store}. */
  public static final String DEFAULT_CACHE_CONTROL = "no-store";

  private static final AdapterOptions DEFAULTS = builder().build();

  private final TrustedProxies trustedProxies;
  private final int maxBodyBytes;
  private final int swallowLimit;
  private final @Nullable URI publicBaseUrl;
  private final String cacheControl;

  private AdapterOptions(Builder b) {
    this.trustedProxies = b.trustedProxies == null ? TrustedProxies.none() : b.trustedProxies;
    this.maxBodyBytes = b.maxBodyBytes < 0 ? DEFAULT_MAX_BODY_BYTES : b.maxBodyBytes;
    this.swallowLimit = b.swallowLimit < 0 ? DEFAULT_SWALLOW_LIMIT : b.swallowLimit;
    this.publicBaseUrl = b.publicBaseUrl;
    this.cacheControl = b.cacheControl == null ? DEFAULT_CACHE_CONTROL : b.cacheControl;
  }

  /**
   * Every setting at its default: no trusted proxy, no public base URL, 1 MiB body cap, 64 KiB
   * swallow limit, {@code Cache-Control: no-store} on authenticated responses.
   */
  public static AdapterOptions defaults() {
    return DEFAULTS;
  }

  /** A new builder; a setting left out keeps its default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * What an adapter builder's {@code options(...)} setter stores: {@code next}, unless options were
   * already given, since a builder refuses a setting given twice.
   *
   * @throws IllegalStateException if {@code current} is not null
   * @throws NullPointerException if {@code next} is null
   */
  public static AdapterOptions once(@Nullable AdapterOptions current, AdapterOptions next) {
    if (current != null) {
      throw new IllegalStateException("options were already set");
    }
    return Objects.requireNonNull(next, "options");
  }

  /** The proxies whose {@code Forwarded} / {@code X-Forwarded-*} headers are believed. */
  public TrustedProxies trustedProxies() {
    return trustedProxies;
  }

  /** The most body bytes buffered for a scheme that needs the body; a larger one gets 413. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The most bytes of a refused request's unread body read and discarded. */
  public int swallowLimit() {
    return swallowLimit;
  }

  /**
   * The scheme, host and port clients use to reach this server, when configured; the request's
   * scheme, host and port then come from it (the OAuth 1.0a base string URI of RFC 5849 section
   * 3.4.1.2), never from the {@code Host} header. Whether a request is secure still comes from the
   * connection or a trusted proxy ({@link RequestOrigin}).
   */
  public @Nullable URI publicBaseUrl() {
    return publicBaseUrl;
  }

  /**
   * The {@code Cache-Control} value an adapter puts on every authenticated response before the
   * application runs (the application may replace it); empty when the adapter adds none. Refusals
   * always carry {@code no-store}.
   */
  public String cacheControl() {
    return cacheControl;
  }

  @Override
  public String toString() {
    return "AdapterOptions[maxBodyBytes=" + maxBodyBytes + ", swallowLimit=" + swallowLimit
        + (publicBaseUrl == null ? "" : ", publicBaseUrl=" + publicBaseUrl)
        + ", cacheControl=" + cacheControl + "]";
  }

  /**
   * Builds {@link AdapterOptions}. Each setting may be given once: a second call throws
   * {@link IllegalStateException} (as Caffeine's builders do), so two places configuring the same
   * adapter cannot silently override each other. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable TrustedProxies trustedProxies;
    private int maxBodyBytes = -1;
    private int swallowLimit = -1;
    private @Nullable URI publicBaseUrl;
    private @Nullable String cacheControl;

    private Builder() {}

    /**
     * The URL clients use to reach this server ({@code https://api.example.com}, or with a port);
     * default: none, so scheme and authority come from the connection, the {@code Host} header and
     * trusted proxies. Set it when the server sits behind a proxy it cannot list, or answers under
     * one name only: the OAuth base string and Digest's {@code uri} check then use it.
     *
     * @throws IllegalArgumentException if it is not an absolute http or https URL with a host and
     *     nothing after the authority but an optional {@code /}
     * @throws IllegalStateException if already set
     */
    public Builder publicBaseUrl(URI url) {
      requireState(publicBaseUrl == null, "publicBaseUrl was already set to %s", publicBaseUrl);
      Objects.requireNonNull(url, "url");
      String s = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      String path = url.getRawPath() == null ? "" : url.getRawPath();
      if (!(s.equals("http") || s.equals("https")) || url.getHost() == null
          || url.getRawUserInfo() != null || !(path.isEmpty() || path.equals("/"))
          || url.getRawQuery() != null || url.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "publicBaseUrl must be http(s)://host[:port] with no user, path, query or fragment");
      }
      this.publicBaseUrl = url;
      return this;
    }

    /**
     * The {@code Cache-Control} put on every authenticated response before the application runs
     * (default {@value AdapterOptions#DEFAULT_CACHE_CONTROL}: RFC 9111 section 5.2.2.5, so no
     * shared or browser cache keeps a response that was served to one caller's credentials, as
     * Spring Security does by default); the application may still set its own. An empty string adds
     * none.
     *
     * @throws IllegalArgumentException if it contains a control character
     * @throws IllegalStateException if already set
     */
    public Builder cacheControl(String value) {
      requireState(cacheControl == null, "cacheControl was already set to %s", cacheControl);
      Objects.requireNonNull(value, "value");
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c < 0x20 && c != '\t' || c == 0x7f) {
          throw new IllegalArgumentException("cacheControl must not contain control characters");
        }
      }
      this.cacheControl = value.trim();
      return this;
    }

    /**
     * The proxies whose forwarding headers are believed (default: none).
     *
     * @throws IllegalStateException if already set
     */
    public Builder trustedProxies(TrustedProxies proxies) {
      requireState(trustedProxies == null, "trustedProxies was already set to %s", trustedProxies);
      this.trustedProxies = Objects.requireNonNull(proxies, "proxies");
      return this;
    }

    /**
     * The most body bytes buffered when a scheme needs the body (Digest {@code auth-int}, OAuth
     * form parameters or {@code oauth_body_hash}); a larger body (declared or arriving) is refused
     * with 413 before more is read. Default {@value AdapterOptions#DEFAULT_MAX_BODY_BYTES}.
     *
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      requireState(this.maxBodyBytes < 0, "maxBodyBytes was already set to %s", this.maxBodyBytes);
      if (maxBodyBytes < 0) {
        throw new IllegalArgumentException("maxBodyBytes must not be negative");
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * The most bytes of a refused request's unread body that are read and thrown away before the
     * refusal is sent. Default {@value AdapterOptions#DEFAULT_SWALLOW_LIMIT}.
     *
     * <p>Why read at all: closing a connection with unread bytes in the receive buffer makes the
     * kernel send a TCP reset, which can destroy the 401/403 before the client reads it; swallowing
     * lets the connection close cleanly or stay alive. Why a bound: the client may be anonymous, so
     * the work done for it must be small; a body over the limit is left unread and an HTTP/1.1
     * refusal says {@code Connection: close} (HTTP/2 forbids that header, RFC 9113 section 8.2.2;
     * there the stream is reset instead). Tomcat's {@code maxSwallowSize} (2 MiB by default) is the
     * same trade-off; 64 KiB covers ordinary API bodies. 0 never reads a refused body.
     *
     * @throws IllegalArgumentException if negative
     * @throws IllegalStateException if already set
     */
    public Builder swallowLimit(int swallowLimit) {
      requireState(this.swallowLimit < 0, "swallowLimit was already set to %s", this.swallowLimit);
      if (swallowLimit < 0) {
        throw new IllegalArgumentException("swallowLimit must not be negative");
      }
      this.swallowLimit = swallowLimit;
      return this;
    }

    /** The options; settings not given keep their defaults. */
    public AdapterOptions build() {
      return new AdapterOptions(this);
    }

    private static void requireState(boolean ok, String template, Object current) {
      if (!ok) {
        throw new IllegalStateException(String.format(template, current));
      }
    }
  }
}
