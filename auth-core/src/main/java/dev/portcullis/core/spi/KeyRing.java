package dev.portcullis.core.spi;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The keys every node of a deployment shares for one purpose, with rotation: one current key that
 * signs or seals, and older keys that still verify or open what they made until they retire (an
 * operator retires a key by removing it from the ring once nothing it made is still in use).
 *
 * <p>Each key has a short id ({@code [A-Za-z0-9_-]}, 1 to 16 characters) that the signed or sealed
 * values carry, so a verifier picks the one key to try. Weak keys are refused at construction:
 * an HMAC-SHA256 key needs at least 256 bits, an AES key exactly 128, 192 or 256. No key material
 * appears in {@code toString}, in an exception message or in {@link #ids()}.
 *
 * <pre>{@code
 * KeyRing ring = KeyRing.builder(KeyRing.Kind.HMAC_SHA256)
 *     .current("2026-12", newKey)     // signs from now on
 *     .previous("2026-11", oldKey)    // still verifies until it is removed
 *     .build();
 * DigestScheme.builder().nonceKeys(ring) ...
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class KeyRing {
  /** What the ring's keys are for, and so how long they must be. */
  public enum Kind {
    /** HMAC-SHA256 (nonces, CSRF tokens): at least 32 bytes. */
    HMAC_SHA256("HmacSHA256"),
    /** AES (secrets sealed with AES-GCM): 16, 24 or 32 bytes. */
    AES("AES");

    private final String algorithm;

    Kind(String algorithm) {
      this.algorithm = algorithm;
    }

    /** The JCA algorithm name of this kind's keys. */
    public String algorithm() {
      return algorithm;
    }

    void check(byte[] key) {
      boolean ok = this == HMAC_SHA256 ? key.length >= 32
          : key.length == 16 || key.length == 24 || key.length == 32;
      if (!ok) {
        // the length only: never a byte of the key
        throw new IllegalArgumentException(this == HMAC_SHA256
            ? "an HMAC-SHA256 key needs at least 256 bits (32 bytes), got " + key.length * 8
            : "an AES key must be 128, 192 or 256 bits, got " + key.length * 8);
      }
    }
  }

  /** One key of a ring: its id and the key itself; {@code toString} shows the id only. */
  public static final class Key {
    private final String id;
    private final byte[] material;
    private final Kind kind;

    private Key(String id, byte[] material, Kind kind) {
      this.id = id;
      this.material = material;
      this.kind = kind;
    }

    /** The key's id, which signed and sealed values carry. */
    public String id() {
      return id;
    }

    /** The key as a JCA key of its ring's algorithm (a fresh object each call). */
    public SecretKey secretKey() {
      return new SecretKeySpec(material, kind.algorithm);
    }

    /**
     * The first byte of the SHA-256 of the key: a one-byte tag for formats with no room for the id
     * (Digest nonces); it reveals nothing usable about the key.
     */
    public byte fingerprint() {
      return sha256(material)[0];
    }

    @Override
    public String toString() {
      return "Key[" + id + "]";
    }
  }

  private static final int MAX_ID = 16;
  private final Kind kind;
  private final List<Key> keys;

  private KeyRing(Kind kind, List<Key> keys) {
    this.kind = kind;
    this.keys = List.copyOf(keys);
  }

  /** A new builder for keys of {@code kind}. */
  public static Builder builder(Kind kind) {
    return new Builder(Objects.requireNonNull(kind, "kind"));
  }

  /**
   * A ring of one key whose id is derived from the key ({@code k} and 6 hex digits of its
   * SHA-256): what the single-key settings of the schemes build.
   *
   * @throws IllegalArgumentException if the key is too weak for {@code kind}
   */
  public static KeyRing of(Kind kind, byte[] key) {
    Objects.requireNonNull(kind, "kind");
    kind.check(key);
    return builder(kind).current(derivedId(key), key).build();
  }

  /** The id {@link #of} gives {@code key}: {@code k} and the first three bytes of its SHA-256 in hex. */
  public static String derivedId(byte[] key) {
    byte[] h = sha256(key);
    return String.format("k%02x%02x%02x", h[0] & 0xFF, h[1] & 0xFF, h[2] & 0xFF);
  }

  /** What the keys are for. */
  public Kind kind() {
    return kind;
  }

  /** The key that signs and seals. */
  public Key current() {
    return keys.get(0);
  }

  /** Every live key, the current one first, then the previous ones in the order given. */
  public List<Key> keys() {
    return keys;
  }

  /** The key with this id, if it is live. Never throws for what a client sent. */
  public Optional<Key> find(String id) {
    for (Key k : keys) {
      if (k.id.equals(id)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /** The ids of the live keys, current first. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>(keys.size());
    for (Key k : keys) {
      ids.add(k.id);
    }
    return ids;
  }

  /** Whether {@code id} is a well-formed key id: 1 to 16 of {@code [A-Za-z0-9_-]}. */
  public static boolean isValidId(String id) {
    if (id.isEmpty() || id.length() > MAX_ID) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "KeyRing[" + kind + ", current=" + current().id + ", ids=" + ids() + "]";
  }

  private static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  /**
   * Builds a {@link KeyRing}: exactly one current key, any number of previous ones. Not
   * thread-safe.
   */
  public static final class Builder {
    private final Kind kind;
    private @Nullable Key current;
    private final List<Key> previous = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();
    private final List<byte[]> seen = new ArrayList<>();

    private Builder(Kind kind) {
      this.kind = kind;
    }

    /**
     * The key that signs and seals from now on.
     *
     * @throws IllegalStateException if a current key was already given
     * @throws IllegalArgumentException for a bad id, an id or key given twice, or a weak key
     */
    public Builder current(String id, byte[] key) {
      if (current != null) {
        throw new IllegalStateException("the current key was already set");
      }
      current = key(id, key);
      return this;
    }

    /**
     * A key that no longer signs but still verifies (or opens) what it made; may be called
     * repeatedly.
     *
     * @throws IllegalArgumentException for a bad id, an id or key given twice, or a weak key
     */
    public Builder previous(String id, byte[] key) {
      previous.add(key(id, key));
      return this;
    }

    private Key key(String id, byte[] key) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(key, "key");
      if (!isValidId(id)) {
        throw new IllegalArgumentException("a key id is 1 to 16 of A-Z a-z 0-9 - _");
      }
      kind.check(key);
      if (!ids.add(id)) {
        throw new IllegalArgumentException("the key id " + id + " is given twice");
      }
      for (byte[] s : seen) {
        if (Arrays.equals(s, key)) {
          // one key under two ids would make the retirement of one id a lie
          throw new IllegalArgumentException("the key of id " + id + " is also given under another id");
        }
      }
      byte[] copy = key.clone();
      seen.add(copy);
      return new Key(id, copy, kind);
    }

    /**
     * The ring.
     *
     * @throws IllegalStateException if no current key was given
     */
    public KeyRing build() {
      if (current == null) {
        throw new IllegalStateException("a key ring needs a current key");
      }
      List<Key> all = new ArrayList<>();
      all.add(current);
      all.addAll(previous);
      return new KeyRing(kind, all);
    }
  }
}
