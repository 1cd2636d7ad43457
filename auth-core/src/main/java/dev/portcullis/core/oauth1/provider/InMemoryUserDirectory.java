package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.spi.oauth1.UserDirectory;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link UserDirectory} held in memory, storing only PBKDF2 hashes of the passwords.
 *
 * <pre>{@code
 * UserDirectory users = InMemoryUserDirectory.builder()
 *     .iterations(210_000)
 *     .user("demo_user", "demo_password".toCharArray())
 *     .userWithHash("other_user", PasswordHash.parse(row))
 *     .build();
 * }</pre>
 *
 * <p>Immutable after building and thread-safe. The user id is the username.
 */
public final class InMemoryUserDirectory implements UserDirectory {
  private final Map<String, PasswordHash> users;
  private final PasswordHash decoy;

  private InMemoryUserDirectory(Builder b) {
    this.users = Map.copyOf(b.users);
    // Checked when the username is unknown so that a miss costs what a hit costs.
    this.decoy = PasswordHash.create("decoy".toCharArray(), b.iterations, b.random);
  }

  /** A new builder: 210,000 PBKDF2 iterations unless told otherwise (tune to your hardware). */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<String> authenticate(String username, char[] password) {
    PasswordHash h = users.get(username);
    if (h == null) {
      decoy.matches(password);
      return Optional.empty();
    }
    return h.matches(password) ? Optional.of(username) : Optional.empty();
  }

  @Override
  public String toString() {
    return "InMemoryUserDirectory[" + users.size() + " users]";
  }

  /** Builds an {@link InMemoryUserDirectory}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, PasswordHash> users = new HashMap<>();
    private int iterations = 210_000;
    private SecureRandom random = new SecureRandom();

    private Builder() {}

    /**
     * PBKDF2 iterations for passwords given to {@link #user}.
     *
     * @throws IllegalArgumentException below {@link PasswordHash#MIN_ITERATIONS}
     */
    public Builder iterations(int iterations) {
      if (iterations < PasswordHash.MIN_ITERATIONS) {
        throw new IllegalArgumentException("PBKDF2 needs at least " + PasswordHash.MIN_ITERATIONS + " iterations");
      }
      this.iterations = iterations;
      return this;
    }

    /** The source of salts. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Adds a user, hashing the password now; the array is zeroed.
     *
     * @throws IllegalArgumentException if the username is blank or already added
     */
    public Builder user(String username, char[] password) {
      try {
        return userWithHash(username, PasswordHash.create(password, iterations, random));
      } finally {
        java.util.Arrays.fill(password, '\0');
      }
    }

    /**
     * Adds a user whose password hash was computed elsewhere.
     *
     * @throws IllegalArgumentException if the username is blank or already added
     */
    public Builder userWithHash(String username, PasswordHash hash) {
      Objects.requireNonNull(hash, "hash");
      if (username == null || username.isBlank()) {
        throw new IllegalArgumentException("username must not be blank");
      }
      if (users.putIfAbsent(username, hash) != null) {
        throw new IllegalArgumentException("user " + username + " added twice");
      }
      return this;
    }

    /** Builds the directory. */
    public InMemoryUserDirectory build() {
      return new InMemoryUserDirectory(this);
    }
  }
}
