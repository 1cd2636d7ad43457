package dev.portcullis.core.spi.oauth1;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import dev.portcullis.core.spi.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * Seals shared secrets (consumer secrets, token secrets) for storage and opens them when a
 * signature has to be checked, so a store can keep them encrypted at rest.
 *
 * <p>HMAC verification needs the secret itself (RFC 5849 §3.4.2), so secrets cannot be stored as
 * one-way hashes; encryption with a key kept outside the store is the best a provider can do.
 *
 * <pre>{@code
 * SecretProtector p = SecretProtector.aesGcm(ring); // a KeyRing of Kind.AES, rotated in place
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
   * @throws IllegalStateException if the bytes were not sealed with a key this protector holds
   */
  byte[] open(byte[] sealed);

  /** Stores secrets as they are: for tests, demos and stores that encrypt by other means. */
  static SecretProtector none() {
    return None.INSTANCE;
  }

  /**
   * Whether {@code sealed} was sealed with a key other than the one {@link #seal} uses now (an
   * older key of a rotation, or a format from before key ids): a store that writes it back should
   * seal it afresh, and an operator must re-seal every such value before the old key retires.
   * Never throws; false for this default and for {@link #none()}.
   */
  default boolean needsReseal(byte[] sealed) {
    return false;
  }

  /**
   * AES-GCM with one key: {@link #aesGcm(KeyRing)} over a ring of one whose id derives from the
   * key ({@link KeyRing#of}).
   *
   * @throws IllegalArgumentException if the key is not an AES key of 128, 192 or 256 bits
   */
  static SecretProtector aesGcm(SecretKey key) {
    Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || encoded == null
        || encoded.length != 16 && encoded.length != 24 && encoded.length != 32) {
      throw new IllegalArgumentException("an AES key of 128, 192 or 256 bits is required");
    }
    return new AesGcm(KeyRing.of(KeyRing.Kind.AES, encoded));
  }

  /**
   * AES-GCM (NIST SP 800-38D) over a key ring: each value is sealed with the ring's current key
   * under a random 96-bit IV and carries that key's id, authenticated as associated data
   * ({@code 'P' 'S' 1 idLength id iv ciphertext+tag}); it opens with the live key its id names (or,
   * for an id the ring does not name, with whichever live key its tag verifies under). Values sealed before key ids (plain {@code iv || ciphertext+tag}) still open with any
   * live key, whose tag check tells the right one.
   *
   * <pre>{@code
   * SecretProtector p = SecretProtector.aesGcm(KeyRing.builder(KeyRing.Kind.AES)
   *     .current("s2", newKey).previous("s1", oldKey).build());
   * }</pre>
   *
   * @throws IllegalArgumentException if the ring is not a {@link KeyRing.Kind#AES} ring
   */
  static SecretProtector aesGcm(KeyRing ring) {
    return new AesGcm(ring);
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

  /** AES-GCM; see {@link SecretProtector#aesGcm(KeyRing)}. */
  final class AesGcm implements SecretProtector {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV = 12;
    private static final int TAG = 16;
    private static final byte M0 = 'P';
    private static final byte M1 = 'S';
    private static final byte VERSION = 1;
    private final KeyRing ring;

    private AesGcm(KeyRing ring) {
      Objects.requireNonNull(ring, "ring");
      if (ring.kind() != KeyRing.Kind.AES) {
        throw new IllegalArgumentException("AES-GCM needs an AES key ring");
      }
      this.ring = ring;
    }

    @Override
    public byte[] seal(byte[] plaintext) {
      KeyRing.Key k = ring.current();
      byte[] id = k.id().getBytes(StandardCharsets.US_ASCII);
      int header = 4 + id.length;
      try {
        byte[] out = new byte[header + IV + plaintext.length + TAG];
        out[0] = M0;
        out[1] = M1;
        out[2] = VERSION;
        out[3] = (byte) id.length;
        System.arraycopy(id, 0, out, 4, id.length);
        byte[] iv = new byte[IV];
        RANDOM.nextBytes(iv);
        System.arraycopy(iv, 0, out, header, IV);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, k.secretKey(), new GCMParameterSpec(128, iv));
        c.updateAAD(out, 0, header);
        c.doFinal(plaintext, 0, plaintext.length, out, header + IV);
        return out;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is not available", e);
      }
    }

    @Override
    public byte[] open(byte[] sealed) {
      if (sealed.length < IV + TAG) {
        throw new IllegalStateException("sealed secret is too short");
      }
      KeyRing.Key k = keyOf(sealed);
      if (k != null) {
        byte[] plain = open(k, sealed, 4 + (sealed[3] & 0xFF));
        if (plain != null) {
          return plain;
        }
      } else if (hasHeader(sealed)) {
        // an id this ring does not name (a key renamed in the configuration): the tag tells the key
        for (KeyRing.Key any : ring.keys()) {
          byte[] plain = open(any, sealed, 4 + (sealed[3] & 0xFF));
          if (plain != null) {
            return plain;
          }
        }
      }
      // from before key ids (or, one time in 2^24, a legacy IV that looks like a header)
      for (KeyRing.Key any : ring.keys()) {
        byte[] plain = open(any, sealed, 0);
        if (plain != null) {
          return plain;
        }
      }
      // deliberately no cause detail: it could hint at the plaintext
      throw new IllegalStateException("sealed secret could not be opened with any live key");
    }

    @Override
    public boolean needsReseal(byte[] sealed) {
      KeyRing.Key k = keyOf(sealed);
      return k == null || k != ring.current();
    }

    /** The live key a headed value names, or null (no header, or a retired or unknown id). */
    private KeyRing.@Nullable Key keyOf(byte[] sealed) {
      if (!hasHeader(sealed)) {
        return null;
      }
      int idLength = sealed[3] & 0xFF;
      String id = new String(sealed, 4, idLength, StandardCharsets.US_ASCII);
      return ring.find(id).orElse(null);
    }

    private static boolean hasHeader(byte[] sealed) {
      if (sealed.length < 4 || sealed[0] != M0 || sealed[1] != M1 || sealed[2] != VERSION) {
        return false;
      }
      int idLength = sealed[3] & 0xFF;
      return idLength > 0 && sealed.length >= 4 + idLength + IV + TAG;
    }

    private static byte @Nullable [] open(KeyRing.Key k, byte[] sealed, int header) {
      if (sealed.length < header + IV + TAG) {
        return null;
      }
      try {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, k.secretKey(), new GCMParameterSpec(128, sealed, header, IV));
        if (header > 0) {
          c.updateAAD(sealed, 0, header);
        }
        return c.doFinal(sealed, header + IV, sealed.length - header - IV);
      } catch (javax.crypto.AEADBadTagException e) {
        return null; // not this key: the caller tries the next one or refuses
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-GCM is not available", e);
      }
    }

    @Override
    public String toString() {
      return "SecretProtector.aesGcm" + ring.ids();
    }
  }
}
