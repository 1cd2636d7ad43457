package dev.portcullis.core.oauth1.provider;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A stored password: PBKDF2-HMAC-SHA256 with a per-user salt (NIST SP 800-132), never the password.
 *
 * <p>Encoded for storage as {@code pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>}.
 *
 * <pre>{@code
 * PasswordHash h = PasswordHash.create("demo_password".toCharArray(), 210_000, new SecureRandom());
 * String row = h.encode();
 * boolean ok = PasswordHash.parse(row).matches("demo_password".toCharArray()); // true
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@code toString} shows no hash material.
 */
public final class PasswordHash {
  /** Fewer iterations than this are refused: too cheap to slow down an offline guess. */
  public static final int MIN_ITERATIONS = 10_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /**
   * Hashes {@code password} with a fresh salt.
   *
   * @throws IllegalArgumentException if {@code iterations} is below {@link #MIN_ITERATIONS}, or the
   *     password contains U+0000 (see {@link #matches})
   */
  public static PasswordHash create(char[] password, int iterations, SecureRandom random) {
    checkIterations(iterations);
    if (hasNul(password)) {
      throw new IllegalArgumentException("a password must not contain U+0000");
    }
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /**
   * Reads an encoded hash.
   *
   * @throws IllegalArgumentException if {@code encoded} is not in this class's format
   */
  public static PasswordHash parse(String encoded) {
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      throw new IllegalArgumentException("not a pbkdf2-sha256 password hash");
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      checkIterations(iterations);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] hash = Base64.getDecoder().decode(parts[3]);
      if (salt.length < SALT_BYTES || hash.length != HASH_BITS / 8) {
        throw new IllegalArgumentException("password hash has a short salt or a wrong length");
      }
      return new PasswordHash(iterations, salt, hash);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("password hash iterations are not a number", e);
    }
  }

  /**
   * Whether {@code password} is the one hashed; constant time over the full hash. A password
   * holding U+0000 never matches: HMAC pads a short key with zero bytes, so under PBKDF2-HMAC
   * {@code "secret"} and {@code "secret\0"} derive the same hash, and the second must not sign in.
   * It still costs a full derivation, like any other wrong password.
   */
  public boolean matches(char[] password) {
    boolean nul = hasNul(password);
    boolean same = MessageDigest.isEqual(hash, derive(password, salt, iterations));
    return same && !nul;
  }

  private static boolean hasNul(char[] password) {
    boolean nul = false;
    for (char c : password) {
      nul |= c == '\0';
    }
    return nul;
  }

  /** The storage form. */
  public String encode() {
    Base64.Encoder b64 = Base64.getEncoder();
    return PREFIX + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** The iteration count. */
  public int iterations() {
    return iterations;
  }

  @Override
  public String toString() {
    return "PasswordHash[pbkdf2-sha256, iterations=" + iterations + "]";
  }

  private static void checkIterations(int iterations) {
    if (iterations < MIN_ITERATIONS) {
      throw new IllegalArgumentException("PBKDF2 needs at least " + MIN_ITERATIONS + " iterations");
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PasswordHash p && iterations == p.iterations
        && Arrays.equals(salt, p.salt) && MessageDigest.isEqual(hash, p.hash);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(salt);
  }
}
