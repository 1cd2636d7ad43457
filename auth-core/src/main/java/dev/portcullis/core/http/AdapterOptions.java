package dev.portcullis.core.http;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The transport settings every Portcullis adapter shares ({@code AuthFilter}, the OAuth endpoints
 * servlet, the Jakarta Security mechanism, the JAX-RS {@code PortcullisFeature}): which proxies are
 * believed, how much body a scheme may make the adapter buffer, and how much of a refused request's
 * unread body is swallowed. One value, one default each, written here once.
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

  private static final AdapterOptions DEFAULTS = builder().build();

  private final TrustedProxies trustedProxies;
  private final int maxBodyBytes;
  private final int swallowLimit;

  private AdapterOptions(Builder b) {
    this.trustedProxies = b.trustedProxies == null ? TrustedProxies.none() : b.trustedProxies;
    this.maxBodyBytes = b.maxBodyBytes < 0 ? DEFAULT_MAX_BODY_BYTES : b.maxBodyBytes;
    this.swallowLimit = b.swallowLimit < 0 ? DEFAULT_SWALLOW_LIMIT : b.swallowLimit;
  }

  /** Every setting at its default: no trusted proxy, 1 MiB body cap, 64 KiB swallow limit. */
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

  @Override
  public String toString() {
    return "AdapterOptions[maxBodyBytes=" + maxBodyBytes + ", swallowLimit=" + swallowLimit
        + "]";
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

    private Builder() {}

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
