package dev.portcullis.core.memory;

import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentials;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DigestCredentialStore} in memory: HA1 per user, realm and algorithm, plus the userhash
 * index (RFC 7616 §3.4.2, §3.4.4). Passwords given to the builder are hashed at once and not kept.
 *
 * <pre>{@code
 * InMemoryDigestCredentialStore store = InMemoryDigestCredentialStore.builder()
 *     .realm("contacts@portcullis")
 *     .user("7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b%ctct_customer", "mypassword".toCharArray())
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe: {@link #put} may add users while requests are verified.
 */
public final class InMemoryDigestCredentialStore implements DigestCredentialStore {
  private final String realm;
  private final Set<DigestAlgorithm> algorithms;
  private final ConcurrentHashMap<String, byte[][]> ha1s = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> userhashes = new ConcurrentHashMap<>();

  private InMemoryDigestCredentialStore(String realm, Set<DigestAlgorithm> algorithms) {
    this.realm = realm;
    this.algorithms = algorithms;
  }

  /** A new builder; the realm is required, algorithms default to MD5, SHA-256 and SHA-512-256. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Computes and keeps the HA1s and userhashes for {@code username}, replacing any earlier ones. The
   * caller should wipe {@code password} afterwards.
   */
  public void put(String username, char[] password) {
    Objects.requireNonNull(username, "username");
    byte[][] row = new byte[DigestAlgorithm.values().length][];
    for (DigestAlgorithm a : algorithms) {
      row[a.ordinal()] = DigestCredentials.ha1(a, username, realm, password);
      userhashes.put(a.ordinal() + ":" + DigestCredentials.userhash(a, username, realm), username);
    }
    ha1s.put(username, row);
  }

  /** Forgets {@code username} (and its userhashes). */
  public void remove(String username) {
    ha1s.remove(username);
    userhashes.values().removeIf(username::equals);
  }

  @Override
  public byte @Nullable [] ha1(String username, String realm, DigestAlgorithm algorithm) {
    if (!this.realm.equals(realm)) {
      return null;
    }
    byte[][] row = ha1s.get(username);
    byte[] v = row == null ? null : row[algorithm.base().ordinal()];
    return v == null ? null : v.clone();
  }

  @Override
  public @Nullable String usernameForHash(String userhash, String realm, DigestAlgorithm algorithm) {
    if (!this.realm.equals(realm)) {
      return null;
    }
    return userhashes.get(algorithm.base().ordinal() + ":" + userhash);
  }

  @Override
  public String toString() {
    return "InMemoryDigestCredentialStore[realm=" + realm + ", users=" + ha1s.size() + "]";
  }

  /** Builds an {@link InMemoryDigestCredentialStore}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String realm;
    private Set<DigestAlgorithm> algorithms =
        EnumSet.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512_256);
    private final Map<String, char[]> users = new HashMap<>();

    private Builder() {}

    /** The realm every HA1 is computed for. */
    public Builder realm(String realm) {
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /** The algorithms to keep an HA1 for ({@code -sess} forms map to their base). */
    public Builder algorithms(Set<DigestAlgorithm> algorithms) {
      EnumSet<DigestAlgorithm> base = EnumSet.noneOf(DigestAlgorithm.class);
      for (DigestAlgorithm a : algorithms) {
        base.add(a.base());
      }
      if (base.isEmpty()) {
        throw new IllegalArgumentException("at least one algorithm is needed");
      }
      this.algorithms = base;
      return this;
    }

    /**
     * Adds a user; the password is hashed by {@link #build()} and the builder's copy wiped.
     *
     * @throws IllegalArgumentException if the user was already added
     */
    public Builder user(String username, char[] password) {
      if (users.putIfAbsent(Objects.requireNonNull(username, "username"), password.clone()) != null) {
        throw new IllegalArgumentException("user added twice");
      }
      return this;
    }

    /**
     * Builds the store.
     *
     * @throws IllegalStateException if no realm was set
     */
    public InMemoryDigestCredentialStore build() {
      if (realm == null || realm.isEmpty()) {
        throw new IllegalStateException("a realm is required");
      }
      InMemoryDigestCredentialStore store = new InMemoryDigestCredentialStore(realm, Set.copyOf(algorithms));
      for (Map.Entry<String, char[]> e : users.entrySet()) {
        store.put(e.getKey(), e.getValue());
        java.util.Arrays.fill(e.getValue(), '\0');
      }
      users.clear();
      return store;
    }
  }
}
