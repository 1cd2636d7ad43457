package dev.portcullis.core.token;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over a token's UTF-8 bytes: the only form in which tokens are stored and looked up.
 *
 * <p>Shared by verification and administration so both hash exactly the same way. Thread-safe.
 */
final class TokenHash {
  // One digest per thread: cloning a prototype per request costs ~400 bytes of garbage.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(TokenHash::newSha256);

  private TokenHash() {}

  /** The 32-byte SHA-256 of {@code token}'s UTF-8 bytes. */
  static byte[] of(String token) {
    // digest() resets the instance, so the next use on this thread starts clean
    return SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Per-thread scratch for verifying a generated token without garbage: the token's ASCII bytes
   * (a generated token is base62, so its ASCII and UTF-8 bytes are the same), its CRC and its hash.
   * Only ever used within one call on one thread; nothing in it outlives the call that filled it
   * except bytes the next call overwrites (the token is not secret once hashed: its hash is
   * compared, never the token; the buffer is still cleared after use).
   */
  static final class Scratch {
    final MessageDigest sha256 = newSha256();
    final CRC32 crc = new CRC32();
    final byte[] hash = new byte[32];
    byte[] token = new byte[0];
    boolean busy;

    /** Clears the token bytes and frees the scratch for the next call on this thread. */
    void release() {
      java.util.Arrays.fill(token, (byte) 0);
      busy = false;
    }

    /** The buffer for a token of {@code length} bytes. */
    byte[] token(int length) {
      if (token.length != length) {
        token = new byte[length];
      }
      return token;
    }

    /** SHA-256 of {@code token[0, length)} into {@link #hash}. */
    byte[] hash(byte[] bytes, int length) {
      sha256.update(bytes, 0, length);
      try {
        sha256.digest(hash, 0, hash.length);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
      }
      return hash;
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * This thread's scratch, or a fresh one when it is in use further up the stack (a store that
   * verifies a token while answering a lookup must not overwrite the caller's hash). Hand it back
   * with {@link Scratch#release()}.
   */
  static Scratch acquire() {
    Scratch s = SCRATCH.get();
    if (s.busy) {
      s = new Scratch();
    }
    s.busy = true;
    return s;
  }

  /**
   * Fails now, at construction, rather than on the first request.
   *
   * @throws IllegalStateException on a JVM without SHA-256
   */
  static void requireAvailable() {
    newSha256();
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
