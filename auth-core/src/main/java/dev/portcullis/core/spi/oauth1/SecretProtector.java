package dev.portcullis.core.spi.oauth1;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals shared secrets (consumer secrets, token secrets) for storage and opens them when a
 * signature has to be checked, so a store can keep them encrypted at rest.
 *
 * <p>HMAC verification needs the secret itself (RFC 5849 §3.4.2), so secrets cannot be stored as
 * one-way hashes; encryption with a key kept outside the store is the best a provider can do.
 *
 * <pre>{@code
 * SecretProtector p = SecretProtector.aesGcm(kmsKey);
 * ProtectedSecret s = ProtectedSecret.seal("demo_consumer_secret", p);
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
public interface SecretProtector {

  /**
   * Seals plaintext bytes for storage.
   *
   * @throws IllegalStateException if the platform cannot encrypt (a configuration error)
   */
  byte[] seal(byte[] plaintext);

  /**
   * Opens sealed bytes.
   *
   * @throws IllegalStateException if the bytes were not sealed with this protector's key
   */
  byte[] open(byte[] sealed);

  /** Stores secrets as they are: for tests, demos and stores that encrypt by other means. */
  static SecretProtector none() {
    return None.INSTANCE;
  }

  /**
   * AES-GCM with a random 96-bit IV per secret ({@code iv || ciphertext+tag}).
   *
   * @throws IllegalArgumentException if the key is not an AES key of 128, 192 or 256 bits
   */
  static SecretProtector aesGcm(SecretKey key) {
    return new AesGcm(key);
  }

  /** The identity protector. */
  enum None implements SecretProtector {
    INSTANCE;

    @Override
    public byte[] seal(byte[] plaintext) {
      return plaintext.clone();
    }

    @Override
    public byte[] open(byte[] sealed) {
      return sealed.clone();
    }
  }

  /** AES-GCM; see {@link SecretProtector#aesGcm}. */
  final class AesGcm implements SecretProtector {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKey key;

    private AesGcm(SecretKey key) {
      Objects.requireNonNull(key, "key");
      byte[] encoded = key.getEncoded();
      if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || encoded == null
          || encoded.length != 16 && encoded.length != 24 && encoded.length != 32) {
        throw new IllegalArgumentException("an AES key of 128, 192 or 256 bits is required");
      }
      this.key = key;
    }

    @Override
    public byte[] seal(byte[] plaintext) {
      try {
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        byte[] ct = c.doFinal(plaintext);
        byte[] out = Arrays.copyOf(iv, 12 + ct.length);
        System.arraycopy(ct, 0, out, 12, ct.length);
        return out;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is not available", e);
      }
    }

    @Override
    public byte[] open(byte[] sealed) {
      if (sealed.length < 12 + 16) {
        throw new IllegalStateException("sealed secret is too short");
      }
      try {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, sealed, 0, 12));
        return c.doFinal(sealed, 12, sealed.length - 12);
      } catch (GeneralSecurityException e) {
        // deliberately no cause detail: it could hint at the plaintext
        throw new IllegalStateException("sealed secret could not be opened with this key");
      }
    }

    @Override
    public String toString() {
      return "SecretProtector.aesGcm";
    }
  }
}
