package dev.portcullis.core.token;

import java.nio.charset.StandardCharsets;
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
