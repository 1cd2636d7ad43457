package dev.portcullis.core.memory;

import java.security.SecureRandom;

/**
 * SipHash-1-3 under a random per-instance key, over strings (four UTF-16 units per word, each
 * string preceded by its length so concatenations cannot collide). Keyed so that nobody outside
 * the process can predict which keys share a cell of {@link InMemoryAttemptLimiter}'s tables, and
 * therefore nobody can aim a collision at a victim's counters. Immutable and thread-safe.
 */
final class KeyedHash {
  private final long k0;
  private final long k1;

  KeyedHash(SecureRandom random) {
    this.k0 = random.nextLong();
    this.k1 = random.nextLong();
  }

  /** The hash of the pair {@code (a, b)}. */
  long of(String a, String b) {
    int na = (a.length() + 3) >>> 2;
    int nb = (b.length() + 3) >>> 2;
    int words = 1 + na + nb;
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    for (int w = 0; w < words; w++) {
      long m = w == 0 ? (long) a.length() << 32 | b.length()
          : w <= na ? word(a, (w - 1) << 2) : word(b, (w - 1 - na) << 2);
      v3 ^= m;
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      v0 ^= m;
    }
    return finish(v0, v1, v2, v3);
  }

  /** A hash of two hashes (the pair counter's key from the identifier's and the address's). */
  long combine(long x, long y) {
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    // a leading word no string hash starts with (lengths are below 2^31), so a combined hash
    // never equals a string hash of the same words
    for (int w = 0; w < 3; w++) {
      long m = w == 0 ? -1L : w == 1 ? x : y;
      v3 ^= m;
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      v0 ^= m;
    }
    return finish(v0, v1, v2, v3);
  }

  private static long finish(long v0, long v1, long v2, long v3) {
    v2 ^= 0xff;
    for (int r = 0; r < 3; r++) {
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }
    return v0 ^ v1 ^ v2 ^ v3;
  }

  private static long word(String s, int from) {
    long m = 0;
    int end = Math.min(s.length(), from + 4);
    for (int i = from; i < end; i++) {
      m |= (long) s.charAt(i) << ((i - from) << 4);
    }
    return m;
  }
}
