package dev.portcullis.demo;

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
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The keys every node of a deployment must share, so that a restart or another node keeps accepting
 * what this one issued: the Digest nonce HMAC key, the authorize page's CSRF key and the AES key that
 * seals OAuth secrets at rest.
 *
 * <p>Each comes from its environment variable (base64, 32 bytes) when set: that is how several nodes
 * share them. Otherwise, with a data directory, from {@code <data>/keys.properties}, written with
 * owner-only permissions on first start, so a single H2 node keeps them across restarts. Without
 * either (a {@code --store memory} run) they are random per process. Rotation (a new key signs, old
 * ones still verify) is a later step: today one key of each kind is in force. {@code toString}
 * shows no key. Immutable and thread-safe.
 *
 * @param digestNonce the Digest nonce HMAC key ({@value #DIGEST_NONCE_ENV})
 * @param csrf the CSRF token HMAC key ({@value #CSRF_ENV})
 * @param secretSealing the AES-256 key of the secret protector ({@value #SECRET_ENV})
 */
public record DemoKeys(byte[] digestNonce, byte[] csrf, byte[] secretSealing) {
  /** The environment variable of the shared Digest nonce key. */
  public static final String DIGEST_NONCE_ENV = "PORTCULLIS_DIGEST_NONCE_KEY";
  /** The environment variable of the shared CSRF key. */
  public static final String CSRF_ENV = "PORTCULLIS_CSRF_KEY";
  /** The environment variable of the shared secret-sealing AES key (exactly 32 bytes). */
  public static final String SECRET_ENV = "PORTCULLIS_SECRET_KEY";
  /** The file in the data directory that holds keys made on first start. */
  public static final String FILE = "keys.properties";

  private static final SecureRandom RANDOM = new SecureRandom();

  public DemoKeys {
    digestNonce = digestNonce.clone();
    csrf = csrf.clone();
    secretSealing = secretSealing.clone();
  }

  /** Random keys for a throwaway run, unless the environment names them. */
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
    byte[][] keys = new byte[3][];
    String[][] names = {{DIGEST_NONCE_ENV, "digest.nonce"}, {CSRF_ENV, "csrf"}, {SECRET_ENV, "secret.sealing"}};
    for (int i = 0; i < names.length; i++) {
      String fromEnv = env.apply(names[i][0]);
      if (fromEnv != null && !fromEnv.isBlank()) {
        keys[i] = decode(names[i][0], fromEnv);
      } else if (file.getProperty(names[i][1]) != null) {
        keys[i] = decode(keysFile + " " + names[i][1], file.getProperty(names[i][1]));
      } else {
        keys[i] = new byte[32];
        RANDOM.nextBytes(keys[i]);
        file.setProperty(names[i][1], Base64.getEncoder().encodeToString(keys[i]));
        changed = true;
      }
    }
    if (keys[2].length != 32) {
      throw new IllegalStateException(SECRET_ENV + " must be 32 bytes (AES-256), base64");
    }
    if (changed && keysFile != null) {
      write(keysFile, file);
    }
    return new DemoKeys(keys[0], keys[1], keys[2]);
  }

  /** Keys from the process environment and, if given, the data directory. */
  static DemoKeys load(@Nullable Path dataDir) {
    Map<String, String> env = System.getenv();
    return load(dataDir, env::get);
  }

  private static byte[] decode(String where, String base64) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + " is not base64");
    }
    if (key.length < 32) {
      throw new IllegalStateException(where + " must hold at least 32 bytes");
    }
    return key;
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
  public byte[] digestNonce() {
    return digestNonce.clone();
  }

  @Override
  public byte[] csrf() {
    return csrf.clone();
  }

  @Override
  public byte[] secretSealing() {
    return secretSealing.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DemoKeys k && java.util.Arrays.equals(digestNonce, k.digestNonce)
        && java.util.Arrays.equals(csrf, k.csrf) && java.util.Arrays.equals(secretSealing, k.secretSealing);
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return "DemoKeys[***]";
  }
}
