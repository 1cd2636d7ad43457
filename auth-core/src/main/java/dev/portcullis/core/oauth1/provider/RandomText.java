package dev.portcullis.core.oauth1.provider;

import java.security.SecureRandom;

/** Unguessable strings for tokens, secrets and verifiers, drawn from an injected {@link SecureRandom}. */
final class RandomText {
  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  // No 0/O, 1/l/I: a person copies the verifier from the oob page by hand.
  private static final char[] HUMAN = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();

  private RandomText() {}

  /** {@code length} characters from [A-Za-z0-9], unbiased (rejection sampling in nextInt). */
  static String alphanumeric(SecureRandom random, int length) {
    return draw(random, ALPHANUMERIC, length);
  }

  /** {@code length} characters from a lower-case alphabet without look-alike characters. */
  static String human(SecureRandom random, int length) {
    return draw(random, HUMAN, length);
  }

  private static String draw(SecureRandom random, char[] alphabet, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = alphabet[random.nextInt(alphabet.length)];
    }
    return new String(out);
  }
}
