package dev.portcullis.core.spi.oauth1;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A shared secret as a store holds it: sealed by a {@link SecretProtector}, opened only when a
 * signature is computed. Its {@code toString} never shows the secret.
 *
 * <pre>{@code
 * ProtectedSecret s = ProtectedSecret.plain("kd94hf93k423kf44");
 * byte[] utf8 = s.reveal(); // a fresh copy; zero it when done
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ProtectedSecret {
  private final byte[] sealed;
  private final SecretProtector protector;

  private ProtectedSecret(byte[] sealed, SecretProtector protector) {
    this.sealed = sealed;
    this.protector = protector;
  }

  /** Seals {@code secret} (as UTF-8) with {@code protector}. */
  public static ProtectedSecret seal(String secret, SecretProtector protector) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(protector, "protector");
    return new ProtectedSecret(protector.seal(secret.getBytes(StandardCharsets.UTF_8)), protector);
  }

  /** Wraps bytes that {@code protector} sealed earlier (a store reading its rows back). */
  public static ProtectedSecret ofSealed(byte[] sealed, SecretProtector protector) {
    Objects.requireNonNull(protector, "protector");
    return new ProtectedSecret(sealed.clone(), protector);
  }

  /** Holds {@code secret} unencrypted ({@link SecretProtector#none()}). */
  public static ProtectedSecret plain(String secret) {
    return seal(secret, SecretProtector.none());
  }

  /**
   * The secret's UTF-8 bytes, freshly opened; the caller should zero them after use.
   *
   * @throws IllegalStateException if the protector cannot open the sealed bytes
   */
  public byte[] reveal() {
    return protector.open(sealed);
  }

  /** The secret as text. Prefer {@link #reveal()} where bytes will do. */
  public String revealString() {
    return new String(reveal(), StandardCharsets.UTF_8);
  }

  /**
   * Whether the secret was sealed with a key other than its protector's current one (see
   * {@link SecretProtector#needsReseal}).
   */
  public boolean needsReseal() {
    return protector.needsReseal(sealed);
  }

  /**
   * This secret sealed with its protector's current key: itself when it already is, else opened
   * and sealed afresh (the plaintext zeroed after). A store calls it on write, so every write
   * moves a value off a retiring key.
   *
   * @throws IllegalStateException if the protector cannot open the sealed bytes
   */
  public ProtectedSecret resealed() {
    if (!protector.needsReseal(sealed)) {
      return this;
    }
    byte[] plain = protector.open(sealed);
    try {
      return new ProtectedSecret(protector.seal(plain), protector);
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  /** The sealed bytes, for a store to persist. */
  public byte[] sealed() {
    return sealed.clone();
  }

  @Override
  public String toString() {
    return "ProtectedSecret[***]";
  }
}
