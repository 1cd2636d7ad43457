package dev.portcullis.core.digest;

import dev.portcullis.core.spi.KeyRing;
import dev.portcullis.core.spi.digest.DigestAlgorithm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * Stateless Digest nonces (RFC 7616 §3.3 leaves their form to the server): an HMAC-SHA256 over a
 * version, key id, issue time and random bytes, bound to the realm and optionally to the algorithm.
 *
 * <p>Layout before base64url: {@code version(1) keyId(1) issuedMillis(8) random(8) mac(16)}, 46
 * characters on the wire. The key id byte is the signing key's {@link KeyRing.Key#fingerprint}, so the
 * verifier computes one MAC, with the key that id names (compared in constant time); a nonce whose
 * key has left the ring is refused as unknown. Any node holding the ring verifies it, also after a
 * restart; the ring's previous keys keep verifying while a rotation rolls out. Thread-safe;
 * per-thread {@link Mac} instances.
 */
final class NonceCodec {
  static final int LENGTH = 46;
  private static final int RAW = 34;
  private static final int SIGNED = 18;
  private static final int MAC_LEN = 16;
  private static final byte VERSION = 1;
  private static final byte[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
      .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] B64_REVERSE = new byte[128];

  static {
    java.util.Arrays.fill(B64_REVERSE, (byte) -1);
    for (int i = 0; i < B64.length; i++) {
      B64_REVERSE[B64[i]] = (byte) i;
    }
  }

  /** What {@link #check} found. */
  enum Status { VALID, EXPIRED, INVALID }

  private final List<KeyRing.Key> keys;
  private final byte[] keyIds;
  private final byte[] realm;
  private final boolean bindAlgorithm;
  private final long lifetimeMillis;
  private final long skewMillis;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final ThreadLocal<Work> work;

  /**
   * @throws IllegalArgumentException if the ring is not an HMAC ring, or two of its keys share a
   *     fingerprint (the nonce's one-byte key tag; one in 256 pairs: generate another key)
   */
  NonceCodec(KeyRing ring, String realm, boolean bindAlgorithm, long lifetimeMillis, Clock clock) {
    if (ring.kind() != KeyRing.Kind.HMAC_SHA256) {
      throw new IllegalArgumentException("Digest nonces need an HMAC_SHA256 key ring");
    }
    this.keys = ring.keys();
    this.keyIds = new byte[keys.size()];
    for (int i = 0; i < keyIds.length; i++) {
      keyIds[i] = keys.get(i).fingerprint();
      for (int j = 0; j < i; j++) {
        if (keyIds[j] == keyIds[i]) {
          throw new IllegalArgumentException("the nonce keys " + keys.get(j).id() + " and " + keys.get(i).id()
              + " share a one-byte fingerprint; generate another key");
        }
      }
    }
    this.realm = realm.getBytes(StandardCharsets.UTF_8);
    this.bindAlgorithm = bindAlgorithm;
    this.lifetimeMillis = lifetimeMillis;
    this.skewMillis = 5_000;
    this.clock = clock;
    this.work = ThreadLocal.withInitial(() -> new Work(this.keys, this.realm));
  }

  /** A fresh nonce for {@code algorithm}, signed with the current key. */
  String issue(DigestAlgorithm algorithm) {
    Work w = work.get();
    byte[] raw = new byte[RAW];
    raw[0] = VERSION;
    raw[1] = keyIds[0];
    long now = clock.millis();
    for (int i = 0; i < 8; i++) {
      raw[2 + i] = (byte) (now >>> (56 - 8 * i));
    }
    byte[] rnd = new byte[8];
    random.nextBytes(rnd);
    System.arraycopy(rnd, 0, raw, 10, 8);
    mac(w, 0, raw, algorithm);
    System.arraycopy(w.mac, 0, raw, SIGNED, MAC_LEN);
    byte[] out = new byte[LENGTH];
    encode(raw, out);
    return new String(out, StandardCharsets.US_ASCII);
  }

  /**
   * Checks the form, MAC (constant time) and age of the nonce at {@code s[from, to)};
   * {@link #issuedAt} is valid after VALID/EXPIRED.
   */
  Status check(String s, int from, int to, DigestAlgorithm algorithm) {
    if (to - from != LENGTH) {
      return Status.INVALID;
    }
    Work w = work.get();
    if (!decode(s, from, w.raw)) {
      return Status.INVALID;
    }
    if (w.raw[0] != VERSION) {
      return Status.INVALID;
    }
    int slot = -1;
    for (int i = 0; i < keyIds.length; i++) {
      if (keyIds[i] == w.raw[1]) {
        slot = i;
        break;
      }
    }
    if (slot < 0) {
      return Status.INVALID;
    }
    mac(w, slot, w.raw, algorithm);
    System.arraycopy(w.raw, SIGNED, w.given, 0, MAC_LEN);
    if (!MessageDigest.isEqual(w.mac, w.given)) {
      return Status.INVALID;
    }
    long issued = 0;
    for (int i = 0; i < 8; i++) {
      issued = issued << 8 | (w.raw[2 + i] & 0xFF);
    }
    w.issued = issued;
    long now = clock.millis();
    if (issued > now + skewMillis) {
      return Status.INVALID;
    }
    return now - issued >= lifetimeMillis ? Status.EXPIRED : Status.VALID;
  }

  /** The issue time of the nonce last checked on this thread. */
  long issuedAt() {
    return work.get().issued;
  }

  long lifetimeMillis() {
    return lifetimeMillis;
  }

  private void mac(Work w, int slot, byte[] raw, DigestAlgorithm algorithm) {
    Mac m = w.macs[slot];
    // one update of version..random, realm[, 0, algorithm]: each Mac call has its own overhead
    byte[] in = w.signed;
    System.arraycopy(raw, 0, in, 0, SIGNED);
    in[in.length - 1] = (byte) algorithm.ordinal();
    m.update(in, 0, bindAlgorithm ? in.length : in.length - 2);
    try {
      m.doFinal(w.full, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
    System.arraycopy(w.full, 0, w.mac, 0, MAC_LEN);
  }

  private static void encode(byte[] in, byte[] out) {
    int o = 0;
    int i = 0;
    for (; i + 3 <= in.length; i += 3) {
      int v = (in[i] & 0xFF) << 16 | (in[i + 1] & 0xFF) << 8 | in[i + 2] & 0xFF;
      out[o++] = B64[v >>> 18 & 63];
      out[o++] = B64[v >>> 12 & 63];
      out[o++] = B64[v >>> 6 & 63];
      out[o++] = B64[v & 63];
    }
    // 34 = 11 * 3 + 1: one byte left, two characters
    int v = (in[i] & 0xFF) << 16;
    out[o++] = B64[v >>> 18 & 63];
    out[o] = B64[v >>> 12 & 63];
  }

  private static boolean decode(String s, int from, byte[] out) {
    int o = 0;
    int i = from;
    for (; i + 4 <= from + 44; i += 4) {
      int a = sym(s.charAt(i));
      int b = sym(s.charAt(i + 1));
      int c = sym(s.charAt(i + 2));
      int d = sym(s.charAt(i + 3));
      if ((a | b | c | d) < 0) {
        return false;
      }
      int v = a << 18 | b << 12 | c << 6 | d;
      out[o++] = (byte) (v >>> 16);
      out[o++] = (byte) (v >>> 8);
      out[o++] = (byte) v;
    }
    int a = sym(s.charAt(from + 44));
    int b = sym(s.charAt(from + 45));
    if ((a | b) < 0 || (b & 15) != 0) {
      return false;
    }
    out[o] = (byte) (a << 2 | b >>> 4);
    return true;
  }

  private static int sym(char c) {
    return c < 128 ? B64_REVERSE[c] : -1;
  }

  private static final class Work {
    final Mac[] macs;
    final byte[] raw = new byte[RAW];
    final byte[] full = new byte[32];
    final byte[] mac = new byte[MAC_LEN];
    final byte[] given = new byte[MAC_LEN];
    final byte[] signed;
    long issued;

    Work(List<KeyRing.Key> keys, byte[] realm) {
      signed = new byte[SIGNED + realm.length + 2];
      System.arraycopy(realm, 0, signed, SIGNED, realm.length);
      macs = new Mac[keys.size()];
      try {
        for (int i = 0; i < macs.length; i++) {
          macs[i] = Mac.getInstance("HmacSHA256");
          macs[i].init(keys.get(i).secretKey());
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK lacks HmacSHA256", e);
      }
    }
  }
}
