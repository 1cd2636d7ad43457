package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link AccountStore} over JDBC: accounts keyed by id and by the SHA-256 of their API token (a
 * unique index), and their API keys. Provisioning ({@link #addIfAbsent}) is this class's own
 * addition. Thread-safe.
 */
public final class JdbcAccountStore implements AccountStore {
  private final Sql sql;
  private final String accounts;
  private final String keys;

  JdbcAccountStore(Sql sql) {
    this.sql = sql;
    this.accounts = sql.table("accounts");
    this.keys = sql.table("account_api_keys");
  }

  /**
   * Adds an account with the SHA-256 of its API token (see
   * {@code InMemoryAccountStore.sha256}) and its API keys, unless the id or the token hash is taken.
   *
   * @return whether it was added
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the database cannot be reached
   */
  public boolean addIfAbsent(Account account, byte[] tokenSha256) {
    return sql.inTransaction("account add", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + accounts + " (id, token_hash) VALUES (?, ?)")) {
        ps.setString(1, account.id());
        ps.setBytes(2, tokenSha256);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!Sql.isUniqueViolation(e)) {
          throw e;
        }
        c.rollback();
        return false;
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + keys + " (account, api_key) VALUES (?, ?)")) {
        for (String key : account.apiKeys()) {
          ps.setString(1, account.id());
          ps.setString(2, key);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return true;
    });
  }

  @Override
  public Optional<Account> findByApiTokenHash(byte[] sha256) {
    return sql.run("account by token", c -> {
      String id;
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + accounts + " WHERE token_hash = ?")) {
        ps.setBytes(1, sha256);
        try (ResultSet rs = ps.executeQuery()) {
          id = rs.next() ? rs.getString(1) : null;
        }
      }
      return id == null ? Optional.<Account>empty() : Optional.of(new Account(id, keysOf(c, id)));
    });
  }

  @Override
  public Optional<Account> find(String accountId) {
    return sql.run("account find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM " + accounts + " WHERE id = ?")) {
        ps.setString(1, accountId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.<Account>empty();
          }
        }
      }
      return Optional.of(new Account(accountId, keysOf(c, accountId)));
    });
  }

  private Set<String> keysOf(Connection c, @Nullable String id) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT api_key FROM " + keys + " WHERE account = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
