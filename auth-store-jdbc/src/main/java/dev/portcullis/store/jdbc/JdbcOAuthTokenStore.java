package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.spi.oauth1.TokenState;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link OAuthTokenStore} over JDBC (RFC 5849 §2). Token secrets are stored sealed.
 *
 * <p>{@link #compareAndSet} is ONE conditional statement,
 * {@code UPDATE ... WHERE token = ? AND state = ? AND verifier_failures = ?}: of two nodes
 * exchanging one request token at once, the database lets exactly one update a row. {@link #save}
 * is one INSERT made atomic by the primary key. {@link #purgeExpired} is one DELETE; register the
 * store with a {@code StoreMaintenance}. Thread-safe.
 */
public final class JdbcOAuthTokenStore implements OAuthTokenStore {
  private static final String COLUMNS = "token, secret, kind, consumer_key, callback, user_id, account,"
      + " verifier_hash, created_at, expires_at, state, verifier_failures";

  private final Sql sql;
  private final SecretProtector protector;
  private final String table;

  JdbcOAuthTokenStore(Sql sql, SecretProtector protector) {
    this.sql = sql;
    this.protector = protector;
    this.table = sql.table("oauth_tokens");
  }

  @Override
  public boolean save(OAuthToken token) {
    return sql.run("oauth token save", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, token.token());
        ps.setBytes(2, token.secret().resealed().sealed());
        ps.setString(3, token.kind().name());
        ps.setString(4, token.consumerKey());
        ps.setString(5, token.callback());
        ps.setString(6, token.user());
        ps.setString(7, token.account());
        ps.setString(8, token.verifierHash());
        Sql.setInstant(ps, 9, token.createdAt());
        Sql.setInstant(ps, 10, token.expiresAt());
        ps.setString(11, token.state().name());
        ps.setInt(12, token.verifierFailures());
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
  public @Nullable OAuthToken find(String token) {
    return sql.run("oauth token find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE token = ?")) {
        ps.setString(1, token);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? read(rs) : null;
        }
      }
    });
  }

  @Override
  public boolean compareAndSet(OAuthToken expected, OAuthToken updated) {
    if (!expected.token().equals(updated.token())) {
      throw new IllegalArgumentException("compareAndSet must keep the token value");
    }
    return sql.run("oauth token update", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
          + " SET secret = ?, kind = ?, consumer_key = ?, callback = ?, user_id = ?, account = ?,"
          + " verifier_hash = ?, created_at = ?, expires_at = ?, state = ?, verifier_failures = ?"
          + " WHERE token = ? AND state = ? AND verifier_failures = ?")) {
        ps.setBytes(1, updated.secret().resealed().sealed());
        ps.setString(2, updated.kind().name());
        ps.setString(3, updated.consumerKey());
        ps.setString(4, updated.callback());
        ps.setString(5, updated.user());
        ps.setString(6, updated.account());
        ps.setString(7, updated.verifierHash());
        Sql.setInstant(ps, 8, updated.createdAt());
        Sql.setInstant(ps, 9, updated.expiresAt());
        ps.setString(10, updated.state().name());
        ps.setInt(11, updated.verifierFailures());
        ps.setString(12, expected.token());
        ps.setString(13, expected.state().name());
        ps.setInt(14, expected.verifierFailures());
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<OAuthToken> accessTokens(String user) {
    return sql.run("oauth token list", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
          + " WHERE user_id = ? AND kind = 'ACCESS' ORDER BY created_at, token")) {
        ps.setString(1, user);
        List<OAuthToken> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(read(rs));
          }
        }
        return out;
      }
    });
  }

  @Override
  public boolean revoke(String token, String user) {
    return sql.run("oauth token revoke", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
          + " SET state = 'REVOKED' WHERE token = ? AND user_id = ? AND state IN ('PENDING', 'AUTHORIZED')")) {
        ps.setString(1, token);
        ps.setString(2, user);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public int purgeExpired(Instant now) {
    return sql.run("oauth token purge", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
          + " WHERE (expires_at IS NOT NULL AND expires_at <= ?)"
          + " OR (kind = 'REQUEST' AND state IN ('USED', 'REVOKED'))")) {
        ps.setLong(1, now.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  private OAuthToken read(ResultSet rs) throws SQLException {
    return new OAuthToken(rs.getString("token"), ProtectedSecret.ofSealed(rs.getBytes("secret"), protector),
        TokenKind.valueOf(rs.getString("kind")), rs.getString("consumer_key"), rs.getString("callback"),
        rs.getString("user_id"), rs.getString("account"), rs.getString("verifier_hash"),
        Sql.getRequiredInstant(rs, "created_at"), Sql.getInstant(rs, "expires_at"),
        TokenState.valueOf(rs.getString("state")), rs.getInt("verifier_failures"));
  }
}
