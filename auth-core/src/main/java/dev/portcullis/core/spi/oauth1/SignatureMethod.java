package dev.portcullis.core.spi.oauth1;

import org.jspecify.annotations.Nullable;

/**
 * The OAuth 1.0a signature methods this library verifies (RFC 5849 §3.4, plus the SHA-2 variants
 * most clients offer).
 *
 * <pre>{@code
 * SignatureMethod m = SignatureMethod.fromWire("HMAC-SHA1"); // HMAC_SHA1
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum SignatureMethod {
  HMAC_SHA1("HMAC-SHA1", "HmacSHA1"),
  HMAC_SHA256("HMAC-SHA256", "HmacSHA256"),
  HMAC_SHA512("HMAC-SHA512", "HmacSHA512"),
  RSA_SHA1("RSA-SHA1", "SHA1withRSA"),
  RSA_SHA256("RSA-SHA256", "SHA256withRSA"),
  /** Sends the key itself; accepted only over a secure connection (RFC 5849 §3.4.4, §4.5). */
  PLAINTEXT("PLAINTEXT", "");

  /** {@link #values()} copies its array on every call; this lookup runs on every request. */
  private static final SignatureMethod[] ALL = values();

  private final String wireName;
  private final String jcaName;

  SignatureMethod(String wireName, String jcaName) {
    this.wireName = wireName;
    this.jcaName = jcaName;
  }

  /** The {@code oauth_signature_method} value, such as {@code HMAC-SHA1}. */
  public String wireName() {
    return wireName;
  }

  /** The JCA algorithm name ({@code HmacSHA1}, {@code SHA1withRSA}); empty for PLAINTEXT. */
  public String jcaName() {
    return jcaName;
  }

  /** Whether the method is keyed with the consumer and token secrets. */
  public boolean isHmac() {
    return this == HMAC_SHA1 || this == HMAC_SHA256 || this == HMAC_SHA512;
  }

  /** Whether the method is verified with the consumer's RSA public key. */
  public boolean isRsa() {
    return this == RSA_SHA1 || this == RSA_SHA256;
  }

  /** The method named {@code wireName} (exact, case-sensitive as RFC 5849 §3.4 writes them), or null. */
  public static @Nullable SignatureMethod fromWire(@Nullable String wireName) {
    if (wireName == null) {
      return null;
    }
    for (SignatureMethod m : ALL) {
      if (m.wireName.equals(wireName)) {
        return m;
      }
    }
    return null;
  }
}
