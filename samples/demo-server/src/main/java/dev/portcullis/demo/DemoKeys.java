package dev.portcullis.demo;

import dev.portcullis.core.spi.KeyRing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The keys every node of a deployment must share, so that a restart or another node keeps accepting
 * what this one issued: the Digest nonce HMAC keys, the authorize page's CSRF keys and the AES keys
 * that seal OAuth secrets at rest, each a {@link KeyRing} whose first key signs or seals and whose
 * other keys still verify or open until they are removed (docs/key-management.md: generate,
 * distribute, rotate).
 *
 * <p>Each ring comes from its environment variable when set, which is how several nodes share
 * them: {@code PORTCULLIS_DIGEST_NONCE_KEYS=n2:BASE64,n1:BASE64} (ids of 1 to 16 of
 * {@code [A-Za-z0-9_-]}, the first entry current), or the single-key form of earlier releases,
 * {@code PORTCULLIS_DIGEST_NONCE_KEY=BASE64} (a ring of one, its id derived from the key); giving
 * both is refused. Otherwise, with a data directory, from {@code <data>/keys.properties} (the same
 * two forms: {@code digest.nonce.keys=...} or {@code digest.nonce=...}), written with owner-only
 * permissions on first start, so a single H2 node keeps them across restarts. Without either (a
 * {@code --store memory} run) they are random per process. HMAC keys need at least 32 bytes, AES
 * keys 16, 24 or 32 (the demo makes 32). {@code toString} shows key ids only. Immutable and
 * thread-safe.
 *
 * @param digestNonce the Digest nonce HMAC keys ({@value #DIGEST_NONCE_KEYS_ENV})
 * @param csrf the CSRF token HMAC keys ({@value #CSRF_KEYS_ENV})
 * @param secretSealing the AES keys of the secret protector ({@value #SECRET_KEYS_ENV})
 */
public record DemoKeys(KeyRing digestNonce, KeyRing csrf, KeyRing secretSealing) {
  /** The environment variable of the shared Digest nonce key ring, {@code id:base64,...}, current first. */
  public static final String DIGEST_NONCE_KEYS_ENV = "PORTCULLIS_DIGEST_NONCE_KEYS";
  /** The environment variable of the shared CSRF key ring. */
  public static final String CSRF_KEYS_ENV = "PORTCULLIS_CSRF_KEYS";
  /** The environment variable of the shared secret-sealing AES key ring. */
  public static final String SECRET_KEYS_ENV = "PORTCULLIS_SECRET_KEYS";
  /** The single-key form of {@link #DIGEST_NONCE_KEYS_ENV} (base64), still read. */
  public static final String DIGEST_NONCE_ENV = "PORTCULLIS_DIGEST_NONCE_KEY";
  /** The single-key form of {@link #CSRF_KEYS_ENV}, still read. */
  public static final String CSRF_ENV = "PORTCULLIS_CSRF_KEY";
  /** The single-key form of {@link #SECRET_KEYS_ENV}, still read. */
  public static final String SECRET_ENV = "PORTCULLIS_SECRET_KEY";
  /** The file in the data directory that holds keys made on first start. */
  public static final String FILE = "keys.properties";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** One kind of key: where it is read from, and how a fresh one is made. */
  private enum Slot {
    DIGEST_NONCE(DIGEST_NONCE_KEYS_ENV, DIGEST_NONCE_ENV, "digest.nonce", "n1", KeyRing.Kind.HMAC_SHA256),
    CSRF(CSRF_KEYS_ENV, CSRF_ENV, "csrf", "c1", KeyRing.Kind.HMAC_SHA256),
    SECRET(SECRET_KEYS_ENV, SECRET_ENV, "secret.sealing", "s1", KeyRing.Kind.AES);

    final String ringEnv;
    final String singleEnv;
    final String property;
    final String firstId;
    final KeyRing.Kind kind;

    Slot(String ringEnv, String singleEnv, String property, String firstId, KeyRing.Kind kind) {
      this.ringEnv = ringEnv;
      this.singleEnv = singleEnv;
      this.property = property;
      this.firstId = firstId;
      this.kind = kind;
    }
  }

  public DemoKeys {
    Objects.requireNonNull(digestNonce, "digestNonce");
    Objects.requireNonNull(csrf, "csrf");
    Objects.requireNonNull(secretSealing, "secretSealing");
    if (digestNonce.kind() != KeyRing.Kind.HMAC_SHA256 || csrf.kind() != KeyRing.Kind.HMAC_SHA256
        || secretSealing.kind() != KeyRing.Kind.AES) {
      throw new IllegalArgumentException("nonce and CSRF keys are HMAC_SHA256 rings, sealing keys an AES ring");
    }
  }

  /**
   * The rings from {@code env} and, failing that, the data directory's file (written with fresh
   * keys for what neither names); random keys without a data directory.
   *
   * @throws IllegalStateException for a malformed or weak key, a ring and a single key both given,
   *     or an unreadable file; the message names the setting, never the key
   */
  static DemoKeys load(@Nullable Path dataDir, Function<String, @Nullable String> env) {
    Properties file = new Properties();
    Path keysFile = dataDir == null ? null : dataDir.resolve(FILE);
    if (keysFile != null && Files.isRegularFile(keysFile)) {
      try (InputStream in = Files.newInputStream(keysFile)) {
        file.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + keysFile, e);
      }
    }
    boolean changed = false;
    KeyRing[] rings = new KeyRing[Slot.values().length];
    for (Slot slot : Slot.values()) {
      KeyRing ring = read(slot, slot.ringEnv, env.apply(slot.ringEnv), slot.singleEnv, env.apply(slot.singleEnv));
      if (ring == null) {
        String where = keysFile + " ";
        ring = read(slot, where + slot.property + ".keys", file.getProperty(slot.property + ".keys"),
            where + slot.property, file.getProperty(slot.property));
      }
      if (ring == null) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        ring = KeyRing.builder(slot.kind).current(slot.firstId, key).build();
        file.setProperty(slot.property + ".keys", slot.firstId + ":" + Base64.getEncoder().encodeToString(key));
        changed = true;
      }
      rings[slot.ordinal()] = ring;
    }
    if (changed && keysFile != null) {
      write(keysFile, file);
    }
    return new DemoKeys(rings[0], rings[1], rings[2]);
  }

  /** Keys from the process environment and, if given, the data directory. */
  static DemoKeys load(@Nullable Path dataDir) {
    Map<String, String> env = System.getenv();
    return load(dataDir, env::get);
  }

  /** Whether the environment names the ring of this slot's kind in either form. */
  static boolean inEnvironment(String ringEnv, String singleEnv, Function<String, @Nullable String> env) {
    return !blank(env.apply(ringEnv)) || !blank(env.apply(singleEnv));
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  private static @Nullable KeyRing read(Slot slot, String ringWhere, @Nullable String ring, String singleWhere,
      @Nullable String single) {
    if (!blank(ring) && !blank(single)) {
      throw new IllegalStateException(ringWhere + " and " + singleWhere + " are both set: keep " + ringWhere + " only");
    }
    if (!blank(single)) {
      byte[] key = decode(singleWhere, single);
      try {
        return KeyRing.of(slot.kind, key);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(singleWhere + ": " + e.getMessage());
      }
    }
    if (blank(ring)) {
      return null;
    }
    return parse(slot.kind, ringWhere, ring);
  }

  /**
   * Parses {@code id:base64,id:base64,...}, the first entry current.
   *
   * @throws IllegalStateException naming {@code where} and the entry's id or position, never a key
   */
  static KeyRing parse(KeyRing.Kind kind, String where, String value) {
    KeyRing.Builder b = KeyRing.builder(kind);
    String[] entries = value.split(",", -1);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].trim();
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalStateException(where + ": entry " + (i + 1) + " is not id:base64");
      }
      String id = entry.substring(0, colon).trim();
      byte[] key = decode(where + " key " + id, entry.substring(colon + 1));
      try {
        if (i == 0) {
          b.current(id, key);
        } else {
          b.previous(id, key);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(where + ": " + e.getMessage());
      }
    }
    return b.build();
  }

  private static byte[] decode(String where, String base64) {
    try {
      return Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + " is not base64");
    }
  }

  private static void write(Path keysFile, Properties keys) {
    try {
      Path tmp = keysFile.resolveSibling(FILE + ".tmp");
      Files.deleteIfExists(tmp);
      try {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(tmp);
      }
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
        keys.store(out, "Portcullis demo keys: keep this file secret; share the keys through the environment for several nodes");
      }
      Files.move(tmp, keysFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + keysFile, e);
    }
  }

  @Override
  public String toString() {
    // ids only: a KeyRing never shows its keys
    return "DemoKeys[digestNonce=" + digestNonce.ids() + ", csrf=" + csrf.ids() + ", secretSealing="
        + secretSealing.ids() + "]";
  }
}
