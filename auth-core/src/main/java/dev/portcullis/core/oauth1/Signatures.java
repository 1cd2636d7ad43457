package dev.portcullis.core.oauth1;

import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SignatureMethod;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Computes and checks OAuth 1.0a signatures (RFC 5849 §3.4.2 HMAC, §3.4.3 RSA, §3.4.4 PLAINTEXT).
 *
 * <p>Thread-safe: JCA objects are per thread, because {@link Mac#getInstance} costs more than the
 * HMAC itself on short inputs. Each thread's {@code Mac} stays keyed with the secrets it was last
 * used with, so a client signing one request after another costs neither opening its secrets nor
 * keying the {@code Mac} again (a {@code Mac} keeps its key material until re-keyed anyway).
 */
final class Signatures {
  private static final ThreadLocal<MacSlot[]> MACS = ThreadLocal.withInitial(() -> new MacSlot[3]);
  private static final byte[] NO_SECRET = new byte[0];
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

  private Signatures() {}

  /**
   * The HMAC key of §3.4.2: {@code enc(consumerSecret) "&" enc(tokenSecret)}, as ASCII bytes.
   * The inputs are UTF-8 bytes, encoded byte by byte (the same as encoding the decoded text); the
   * caller zeroes them and the result after use.
   */
  static byte[] hmacKey(byte[] consumerSecret, byte[] tokenSecret) {
    byte[] key = new byte[encodedLength(consumerSecret) + 1 + encodedLength(tokenSecret)];
    int k = encodeInto(consumerSecret, key, 0);
    key[k++] = '&';
    encodeInto(tokenSecret, key, k);
    return key;
  }

  private static int encodedLength(byte[] b) {
    int n = 0;
    for (byte x : b) {
      n += unreserved(x) ? 1 : 3;
    }
    return n;
  }

  private static int encodeInto(byte[] src, byte[] dst, int at) {
    int k = at;
    for (byte x : src) {
      if (unreserved(x)) {
        dst[k++] = x;
      } else {
        dst[k++] = '%';
        dst[k++] = HEX[x >> 4 & 0xF];
        dst[k++] = HEX[x & 0xF];
      }
    }
    return k;
  }

  private static boolean unreserved(byte b) {
    return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
        || b == '-' || b == '.' || b == '_' || b == '~';
  }

  /** HMAC of the ASCII base string with {@code key} under {@code method} (an HMAC method). */
  static byte[] hmac(SignatureMethod method, byte[] key, String baseString) {
    return hmac(method, key, baseString.getBytes(StandardCharsets.US_ASCII));
  }

  /** HMAC of the base string's bytes with {@code key} under {@code method} (an HMAC method). */
  static byte[] hmac(SignatureMethod method, byte[] key, byte[] baseString) {
    return hmac(method, key, baseString, baseString.length);
  }

  /** HMAC of the first {@code len} bytes of {@code baseString}. */
  static byte[] hmac(SignatureMethod method, byte[] key, byte[] baseString, int len) {
    MacSlot slot = slot(method);
    slot.forget();
    Mac mac = slot.mac;
    init(mac, method, key);
    mac.update(baseString, 0, len);
    return mac.doFinal();
  }

  /**
   * HMAC of the first {@code len} bytes of {@code baseString}, keyed with
   * {@code enc(consumerSecret) "&" enc(tokenSecret)} (§3.4.2). The secrets are opened, and the key
   * built and zeroed, only when this thread's {@code Mac} was last keyed with other
   * {@link ProtectedSecret} instances; an instance is immutable, so the same instance means the
   * same key.
   *
   * @param tokenSecret null when the request has no token (the key then ends in {@code &})
   * @throws IllegalStateException if a secret cannot be opened
   */
  static byte[] hmac(SignatureMethod method, ProtectedSecret consumerSecret, @Nullable ProtectedSecret tokenSecret,
      byte[] baseString, int len) {
    MacSlot slot = slot(method);
    Mac mac = slot.mac;
    if (!slot.keyedWith(consumerSecret, tokenSecret)) {
      slot.forget();
      byte[] cs = consumerSecret.reveal();
      byte[] ts = tokenSecret == null ? NO_SECRET : tokenSecret.reveal();
      byte[] key = hmacKey(cs, ts);
      zero(cs);
      zero(ts);
      try {
        init(mac, method, key);
      } finally {
        zero(key);
      }
      slot.remember(consumerSecret, tokenSecret);
    }
    mac.update(baseString, 0, len);
    return mac.doFinal(); // which leaves the Mac keyed as before, ready for the next request
  }

  private static void init(Mac mac, SignatureMethod method, byte[] key) {
    try {
      // An empty key is legal in OAuth (an RSA-only consumer has none) but SecretKeySpec refuses it.
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, method.jcaName()));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HMAC key refused by the platform", e);
    }
  }

  /** Whether {@code signature} is a valid RSA PKCS#1 v1.5 signature of the base string (§3.4.3). */
  static boolean rsaMatches(SignatureMethod method, PublicKey key, String baseString, byte[] signature) {
    return rsaMatches(method, key, baseString.getBytes(StandardCharsets.US_ASCII), signature);
  }

  /** Whether {@code signature} is a valid RSA PKCS#1 v1.5 signature of the base string's bytes. */
  static boolean rsaMatches(SignatureMethod method, PublicKey key, byte[] baseString, byte[] signature) {
    return rsaMatches(method, key, baseString, baseString.length, signature);
  }

  /** Whether {@code signature} is a valid RSA signature of the first {@code len} bytes. */
  static boolean rsaMatches(SignatureMethod method, PublicKey key, byte[] baseString, int len, byte[] signature) {
    try {
      Signature s = Signature.getInstance(method.jcaName());
      s.initVerify(key);
      s.update(baseString, 0, len);
      return s.verify(signature);
    } catch (SignatureException e) {
      return false; // malformed signature bytes: just a bad signature
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("the consumer's RSA key is not usable", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(method.jcaName() + " is not available", e);
    }
  }

  /** The body hash of the oauth_body_hash extension: SHA-1 for *-SHA1 and PLAINTEXT, else SHA-256/512. */
  static byte[] bodyHash(SignatureMethod method, byte[] body) {
    String alg = switch (method) {
      case HMAC_SHA256, RSA_SHA256 -> "SHA-256";
      case HMAC_SHA512 -> "SHA-512";
      default -> "SHA-1";
    };
    try {
      return MessageDigest.getInstance(alg).digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(alg + " is not available", e);
    }
  }

  private static MacSlot slot(SignatureMethod method) {
    int i = method.ordinal(); // HMAC_SHA1, HMAC_SHA256, HMAC_SHA512 are the first three
    MacSlot[] slots = MACS.get();
    MacSlot slot = slots[i];
    if (slot == null) {
      try {
        slot = new MacSlot(Mac.getInstance(method.jcaName()));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(method.jcaName() + " is not available", e);
      }
      slots[i] = slot;
    }
    return slot;
  }

  /** One thread's {@code Mac} for one method, and which secrets it is keyed with, if known. */
  private static final class MacSlot {
    final Mac mac;
    private @Nullable ProtectedSecret consumerSecret;
    private @Nullable ProtectedSecret tokenSecret;
    private boolean keyed;

    MacSlot(Mac mac) {
      this.mac = mac;
    }

    boolean keyedWith(ProtectedSecret consumer, @Nullable ProtectedSecret token) {
      return keyed && consumerSecret == consumer && tokenSecret == token;
    }

    void remember(ProtectedSecret consumer, @Nullable ProtectedSecret token) {
      consumerSecret = consumer;
      tokenSecret = token;
      keyed = true;
    }

    void forget() {
      keyed = false;
      consumerSecret = null;
      tokenSecret = null;
    }
  }

  static void zero(byte[] b) {
    Arrays.fill(b, (byte) 0);
  }
}
