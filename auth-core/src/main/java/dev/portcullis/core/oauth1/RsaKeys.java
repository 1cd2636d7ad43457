package dev.portcullis.core.oauth1;

import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads a consumer's RSA public key for RSA-SHA1/RSA-SHA256 (RFC 5849 §3.4.3) from PEM, with
 * Bouncy Castle's {@link PEMParser}: a {@code PUBLIC KEY}, an {@code RSA PUBLIC KEY} (PKCS#1) or an
 * X.509 {@code CERTIFICATE}.
 *
 * <pre>{@code
 * PublicKey key = RsaKeys.readPublicKey(Files.readString(Path.of("consumer.pem")));
 * Consumer c = Consumer.builder("key", ProtectedSecret.plain("")).rsaKey(key).build();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RsaKeys {
  /** The smallest modulus {@link #readPublicKey(String)} accepts. */
  public static final int DEFAULT_MIN_BITS = 2048;

  private RsaKeys() {}

  /**
   * Reads the first PEM object of {@code pem}, requiring at least {@value #DEFAULT_MIN_BITS} bits.
   *
   * @throws IllegalArgumentException if there is no PEM key or certificate, it is not RSA, or it is
   *     too short
   */
  public static PublicKey readPublicKey(String pem) {
    return readPublicKey(pem, DEFAULT_MIN_BITS);
  }

  /**
   * Reads the first PEM object of {@code pem}, requiring at least {@code minBits} bits (never fewer
   * than 1024: legacy consumers and the oauth.net test key use 1024).
   *
   * @throws IllegalArgumentException if there is no PEM key or certificate, it is not RSA, or it is
   *     too short
   */
  public static PublicKey readPublicKey(String pem, int minBits) {
    if (minBits < 1024) {
      throw new IllegalArgumentException("RSA keys below 1024 bits are never accepted");
    }
    Object o;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      o = parser.readObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("the PEM text could not be parsed", e);
    }
    SubjectPublicKeyInfo info;
    if (o instanceof SubjectPublicKeyInfo spki) {
      info = spki;
    } else if (o instanceof X509CertificateHolder cert) {
      info = cert.getSubjectPublicKeyInfo();
    } else {
      throw new IllegalArgumentException(
          "expected a PEM PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE");
    }
    PublicKey key;
    try {
      key = new JcaPEMKeyConverter().getPublicKey(info);
    } catch (IOException e) {
      throw new IllegalArgumentException("the public key could not be decoded", e);
    }
    if (!(key instanceof RSAPublicKey rsa)) {
      throw new IllegalArgumentException("the public key is not an RSA key");
    }
    if (rsa.getModulus().bitLength() < minBits) {
      throw new IllegalArgumentException("the RSA key has " + rsa.getModulus().bitLength()
          + " bits; at least " + minBits + " are required");
    }
    return key;
  }
}
