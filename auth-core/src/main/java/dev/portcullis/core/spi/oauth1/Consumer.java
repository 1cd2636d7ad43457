package dev.portcullis.core.spi.oauth1;

import java.security.PublicKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A registered OAuth 1.0a client (RFC 5849 §1.1 "client credentials").
 *
 * <p>{@code toString} shows the key and name, never the secret.
 *
 * <pre>{@code
 * Consumer c = Consumer.builder("demo_consumer_key", ProtectedSecret.plain("demo_consumer_secret"))
 *     .displayName("Demo app")
 *     .callbacks(List.of("http://localhost:*", "oob"))
 *     .build();
 * c.allowsCallback("http://localhost:8080/cb"); // true
 * }</pre>
 *
 * @param key the consumer key ({@code oauth_consumer_key})
 * @param secret the consumer (client) secret, sealed; an RSA-only consumer holds an empty one
 * @param rsaKey the public key RSA-SHA1/RSA-SHA256 signatures are checked with, or null
 * @param methods the signature methods this consumer may use
 * @param callbacks registered callback patterns: an exact URL, {@code oob}, a
 *     {@code scheme://host:*} pattern (any port, any path on that host), or a prefix ending in {@code *}
 * @param displayName the name shown to users on the authorize page
 * @param enabled whether the consumer may be used at all
 * @param expiresAt when the consumer stops working and may be purged, or null for never (a
 *     registered consumer); the public-app flow's per-user consumers carry one
 */
public record Consumer(
    String key,
    ProtectedSecret secret,
    @Nullable PublicKey rsaKey,
    Set<SignatureMethod> methods,
    List<String> callbacks,
    String displayName,
    boolean enabled,
    @Nullable Instant expiresAt) {

  /** HMAC-SHA1/256/512 and PLAINTEXT (which the verifier still refuses over plain HTTP). */
  public static final Set<SignatureMethod> DEFAULT_METHODS = Set.copyOf(EnumSet.of(
      SignatureMethod.HMAC_SHA1, SignatureMethod.HMAC_SHA256, SignatureMethod.HMAC_SHA512,
      SignatureMethod.PLAINTEXT));

  public Consumer {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(displayName, "displayName");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("consumer key must not be empty");
    }
    methods = Set.copyOf(methods);
    callbacks = List.copyOf(callbacks);
    if (rsaKey == null && (methods.contains(SignatureMethod.RSA_SHA1)
        || methods.contains(SignatureMethod.RSA_SHA256))) {
      throw new IllegalArgumentException("consumer " + key + " allows RSA but has no public key");
    }
    if (rsaKey != null && !"RSA".equals(rsaKey.getAlgorithm())) {
      throw new IllegalArgumentException("consumer " + key + ": the public key is not an RSA key");
    }
  }

  /** A consumer that never expires (the record as it was before {@code expiresAt}). */
  public Consumer(String key, ProtectedSecret secret, @Nullable PublicKey rsaKey, Set<SignatureMethod> methods,
      List<String> callbacks, String displayName, boolean enabled) {
    this(key, secret, rsaKey, methods, callbacks, displayName, enabled, null);
  }

  /** Whether this consumer has expired at {@code now} (never for one without {@link #expiresAt}). */
  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** A copy that expires at {@code expiresAt} (null: never). */
  public Consumer withExpiry(@Nullable Instant expiresAt) {
    return new Consumer(key, secret, rsaKey, methods, callbacks, displayName, enabled, expiresAt);
  }

  /** A builder for a consumer with {@link #DEFAULT_METHODS}, no callbacks, enabled. */
  public static Builder builder(String key, ProtectedSecret secret) {
    return new Builder(key, secret);
  }

  /** Whether this consumer may sign with {@code method}. */
  public boolean allows(SignatureMethod method) {
    return methods.contains(method);
  }

  /**
   * Whether {@code callback} (an {@code oauth_callback} value, already decoded) matches one of the
   * registered patterns. {@code http://localhost:*} matches {@code http://localhost},
   * {@code http://localhost:8080/cb?x=1} but not {@code http://localhost.evil.example/}.
   */
  public boolean allowsCallback(String callback) {
    for (String pattern : callbacks) {
      if (CallbackPatterns.matches(pattern, callback)) {
        return true;
      }
    }
    return false;
  }

  /** A copy with {@code enabled} changed. */
  public Consumer withEnabled(boolean enabled) {
    return new Consumer(key, secret, rsaKey, methods, callbacks, displayName, enabled, expiresAt);
  }

  @Override
  public String toString() {
    return "Consumer[key=" + key + ", displayName=" + displayName + ", methods=" + methods
        + ", rsaKey=" + (rsaKey != null) + ", enabled=" + enabled
        + (expiresAt == null ? "" : ", expiresAt=" + expiresAt) + "]";
  }

  /** Builds a {@link Consumer}. Not thread-safe. */
  public static final class Builder {
    private final String key;
    private final ProtectedSecret secret;
    private @Nullable PublicKey rsaKey;
    private Set<SignatureMethod> methods = DEFAULT_METHODS;
    private List<String> callbacks = List.of();
    private @Nullable String displayName;
    private boolean enabled = true;
    private @Nullable Instant expiresAt;

    private Builder(String key, ProtectedSecret secret) {
      this.key = Objects.requireNonNull(key, "key");
      this.secret = Objects.requireNonNull(secret, "secret");
    }

    /** Sets the RSA public key and, unless {@link #methods} says otherwise later, adds RSA-SHA1/256. */
    public Builder rsaKey(PublicKey rsaKey) {
      this.rsaKey = Objects.requireNonNull(rsaKey, "rsaKey");
      EnumSet<SignatureMethod> m = EnumSet.copyOf(methods);
      m.add(SignatureMethod.RSA_SHA1);
      m.add(SignatureMethod.RSA_SHA256);
      this.methods = m;
      return this;
    }

    public Builder methods(Set<SignatureMethod> methods) {
      this.methods = Set.copyOf(methods);
      return this;
    }

    public Builder callbacks(List<String> callbacks) {
      this.callbacks = List.copyOf(callbacks);
      return this;
    }

    public Builder displayName(String displayName) {
      this.displayName = Objects.requireNonNull(displayName, "displayName");
      return this;
    }

    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** When the consumer stops working and may be purged (default: never). */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
      return this;
    }

    /**
     * Builds the consumer.
     *
     * @throws IllegalArgumentException if RSA is allowed without a key, or the key is empty
     */
    public Consumer build() {
      return new Consumer(key, secret, rsaKey, methods, callbacks,
          displayName == null ? key : displayName, enabled, expiresAt);
    }
  }
}
