package dev.portcullis.core.memory;

import java.security.SecureRandom;

/**
 * SipHash-1-3 under a random per-instance key, over a string (four UTF-16 units per word, after a
 * word holding the realm's hash and the string's length). Keyed so that nobody outside
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

  /**
   * The hash of {@code s} within {@code realm}. The realm enters through its (cached)
   * {@code hashCode} beside the length, not word by word: realms are the server's own few names,
   * never the client's, and this runs on every request.
   */
  long of(String realm, String s) {
    int words = 1 + ((s.length() + 3) >>> 2);
    long v0 = k0 ^ 0x736f6d6570736575L;
    long v1 = k1 ^ 0x646f72616e646f6dL;
    long v2 = k0 ^ 0x6c7967656e657261L;
    long v3 = k1 ^ 0x7465646279746573L;
    for (int w = 0; w < words; w++) {
      long m = w == 0 ? (long) realm.hashCode() << 32 | s.length() : word(s, (w - 1) << 2);
      v3 ^= m;
      v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
      v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
      v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
      v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
      v0 ^= m;
    }
    return finish(v0, v1, v2, v3);
  }

  /**
   * The pair's hash from the identifier's and the address's. Both inputs are already keyed hashes
   * nobody outside can compute, so a fast mixer suffices (no second SipHash on the hot path): an
   * attacker who cannot see {@code x} or {@code y} cannot aim their combination either. The
   * rotation and the odd multiplier keep {@code (x, y)} and {@code (y, x)} apart.
   */
  static long combine(long x, long y) {
    long z = x * 0x9E3779B97F4A7C15L + Long.rotateLeft(y, 29);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
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
