package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.core.spi.digest.DigestCredentials;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link DigestCredentialStore} over JDBC: one row per (realm, username, base algorithm) holding
 * HA1 (RFC 7616 §3.4.2) and the userhash (§3.4.4), which an index makes a lookup. Passwords never
 * reach the database: {@link #put} hashes and forgets them. Thread-safe.
 */
public final class JdbcDigestCredentialStore implements DigestCredentialStore {
  private final Sql sql;
  private final String table;

  JdbcDigestCredentialStore(Sql sql) {
    this.sql = sql;
    this.table = sql.table("digest_credentials");
  }

  /**
   * Sets (adds or replaces) the HA1 of {@code username} in {@code realm} for each algorithm's base
   * form, computed from {@code password}, which the caller zeroes afterwards.
   *
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the database cannot be reached
   */
  public void put(String username, String realm, Set<DigestAlgorithm> algorithms, char[] password) {
    sql.inTransaction("digest credential put", c -> {
      for (DigestAlgorithm a : algorithms) {
        DigestAlgorithm base = a.base();
        byte[] ha1 = DigestCredentials.ha1(base, username, realm, password);
        try (PreparedStatement del = c.prepareStatement(
            "DELETE FROM " + table + " WHERE realm = ? AND username = ? AND algorithm = ?")) {
          del.setString(1, realm);
          del.setString(2, username);
          del.setString(3, base.token());
          del.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table
            + " (realm, username, algorithm, ha1, userhash) VALUES (?, ?, ?, ?, ?)")) {
          ins.setString(1, realm);
          ins.setString(2, username);
          ins.setString(3, base.token());
          ins.setBytes(4, ha1);
          ins.setString(5, DigestCredentials.userhash(base, username, realm));
          ins.executeUpdate();
        } finally {
          Arrays.fill(ha1, (byte) 0);
        }
      }
      return null;
    });
  }

  /**
   * Whether {@code username} has any credential in {@code realm} (seeding checks this).
   *
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the database cannot be reached
   */
  public boolean contains(String username, String realm) {
    return sql.run("digest credential exists", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 1 FROM " + table + " WHERE realm = ? AND username = ?")) {
        ps.setString(1, realm);
        ps.setString(2, username);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next();
        }
      }
    });
  }

  @Override
  public byte @Nullable [] ha1(String username, String realm, DigestAlgorithm algorithm) {
    return sql.run("digest ha1", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT ha1 FROM " + table + " WHERE realm = ? AND username = ? AND algorithm = ?")) {
        ps.setString(1, realm);
        ps.setString(2, username);
        ps.setString(3, algorithm.base().token());
        try (ResultSet rs = ps.executeQuery()) {
          // getBytes returns a fresh array: the caller may overwrite it
          return rs.next() ? rs.getBytes(1) : null;
        }
      }
    });
  }

  @Override
  public @Nullable String usernameForHash(String userhash, String realm, DigestAlgorithm algorithm) {
    return sql.run("digest userhash", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT username FROM " + table + " WHERE userhash = ? AND realm = ? AND algorithm = ?")) {
        ps.setString(1, userhash);
        ps.setString(2, realm);
        ps.setString(3, algorithm.base().token());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }
}
