package dev.portcullis.core.spi.digest;

import org.jspecify.annotations.Nullable;

/**
 * The hash algorithms of HTTP Digest (RFC 7616 §3.3, RFC 2617 §3.2.1), each with its session form.
 *
 * <p>A {@code -sess} algorithm shares its base algorithm's stored HA1 and folds the nonce and cnonce
 * into it per request (RFC 7616 §3.4.2). Tokens are matched case-insensitively, as the RFC requires.
 *
 * <pre>{@code
 * DigestAlgorithm a = DigestAlgorithm.fromToken("sha-256-SESS"); // SHA_256_SESS
 * a.base();                                                       // SHA_256
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum DigestAlgorithm {
  MD5("MD5", "MD5", 16, false),
  MD5_SESS("MD5-sess", "MD5", 16, true),
  SHA_256("SHA-256", "SHA-256", 32, false),
  SHA_256_SESS("SHA-256-sess", "SHA-256", 32, true),
  SHA_512_256("SHA-512-256", "SHA-512/256", 32, false),
  SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", 32, true);

  private static final DigestAlgorithm[] ALL = values();

  private final String token;
  private final String jdkName;
  private final int length;
  private final boolean session;

  DigestAlgorithm(String token, String jdkName, int length, boolean session) {
    this.token = token;
    this.jdkName = jdkName;
    this.length = length;
    this.session = session;
  }

  /** The token written in challenges and credentials: {@code SHA-256}, {@code MD5-sess}, ... */
  public String token() {
    return token;
  }

  /** The JDK {@link java.security.MessageDigest} name ({@code SHA-512/256} for {@code SHA-512-256}). */
  public String jdkName() {
    return jdkName;
  }

  /** The digest length in bytes (16 for MD5, 32 otherwise); hex forms are twice as long. */
  public int length() {
    return length;
  }

  /** Whether this is a {@code -sess} form. */
  public boolean session() {
    return session;
  }

  /** The non-session algorithm whose HA1 this one uses. */
  public DigestAlgorithm base() {
    switch (this) {
      case MD5_SESS:
        return MD5;
      case SHA_256_SESS:
        return SHA_256;
      case SHA_512_256_SESS:
        return SHA_512_256;
      default:
        return this;
    }
  }

  /** The algorithm named by {@code token} (case-insensitive), or null for an unknown token. */
  public static @Nullable DigestAlgorithm fromToken(String token) {
    return fromToken(token, 0, token.length());
  }

  /** The algorithm named by {@code s[from, to)} (case-insensitive), or null for an unknown token. */
  public static @Nullable DigestAlgorithm fromToken(String s, int from, int to) {
    int len = to - from;
    for (DigestAlgorithm a : ALL) {
      if (a.token.length() == len && s.regionMatches(true, from, a.token, 0, len)) {
        return a;
      }
    }
    return null;
  }
}
