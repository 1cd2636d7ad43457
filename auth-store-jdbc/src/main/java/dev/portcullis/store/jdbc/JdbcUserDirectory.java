package dev.portcullis.store.jdbc;

import dev.portcullis.core.oauth1.provider.PasswordHash;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link UserDirectory} over JDBC: PBKDF2 hashes ({@link PasswordHash}'s encoding), never
 * passwords. An unknown user costs one PBKDF2 run against a decoy hash, like a known one. An
 * unparseable stored hash fails closed (the store answers nonsense). Thread-safe.
 */
public final class JdbcUserDirectory implements UserDirectory {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Sql sql;
  private final String table;
  private final int iterations;
  // Made on the first miss, not at construction: a PBKDF2 run costs a tenth of a second.
  private volatile @Nullable PasswordHash decoy;

  JdbcUserDirectory(Sql sql, int iterations) {
    this.sql = sql;
    this.table = sql.table("users");
    if (iterations < PasswordHash.MIN_ITERATIONS) {
      throw new IllegalArgumentException("at least " + PasswordHash.MIN_ITERATIONS + " PBKDF2 iterations");
    }
    this.iterations = iterations;
  }

  /**
   * Adds a user, hashing {@code password} (which the caller zeroes), unless the username is taken.
   *
   * @param userId the stable id tokens are issued to
   * @return whether the user was added
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the database cannot be reached
   */
  public boolean addIfAbsent(String username, String userId, char[] password) {
    String hash = PasswordHash.create(password, iterations, RANDOM).encode();
    return sql.run("user add", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + table + " (username, user_id, password_hash) VALUES (?, ?, ?)")) {
        ps.setString(1, username);
        ps.setString(2, userId);
        ps.setString(3, hash);
        return ps.executeUpdate() == 1;
      } catch (SQLException e) {
        if (Sql.isUniqueViolation(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<String> authenticate(String username, char[] password) {
    String[] row = sql.run("user find", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT user_id, password_hash FROM " + table + " WHERE username = ?")) {
        ps.setString(1, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
        }
      }
    });
    if (row == null) {
      PasswordHash d = decoy;
      if (d == null) {
        d = PasswordHash.create("decoy".toCharArray(), iterations, RANDOM);
        decoy = d;
      }
      d.matches(password);
      return Optional.empty();
    }
    PasswordHash hash;
    try {
      hash = PasswordHash.parse(row[1]);
    } catch (IllegalArgumentException e) {
      throw new dev.portcullis.core.spi.StoreUnavailableException("stored password hash is malformed");
    }
    return hash.matches(password) ? Optional.of(row[0]) : Optional.empty();
  }

  @Override
  public String toString() {
    return "JdbcUserDirectory[" + table + "]";
  }
}
