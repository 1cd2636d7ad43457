package dev.portcullis.store.jdbc;

import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ApiTokenStore} over JDBC: one row per token, the hash and never the secret.
 *
 * <p>{@link #save(ApiTokenRecord, int, Instant)} locks the account's row in
 * {@code <prefix>api_token_owners} ({@code SELECT ... FOR UPDATE}) and then checks the id, counts
 * the live tokens and inserts in the same transaction, so racing saves on any number of nodes never
 * pass the limit together; a plain {@code INSERT ... WHERE (SELECT COUNT(*) ...) < ?} would, under
 * read committed. {@link #revoke} and {@link #touch} are single conditional UPDATEs. Thread-safe.
 */
public final class JdbcApiTokenStore implements ApiTokenStore {
  private static final String COLUMNS =
      "id, account, name, permissions, hash, created_at, expires_at, last_used_at, revoked";

  private final Sql sql;
  private final String tokens;
  private final String owners;

  JdbcApiTokenStore(Sql sql) {
    this.sql = sql;
    this.tokens = sql.table("api_tokens");
    this.owners = sql.table("api_token_owners");
  }

  @Override
  public Saved save(ApiTokenRecord token, int maxLive, Instant now) {
    if (maxLive < 1) {
      throw new IllegalArgumentException("maxLive must be at least 1");
    }
    ensureOwnerRow(token.account());
    return sql.inTransaction("api token save", c -> {
      try (PreparedStatement lock = c.prepareStatement(
          "SELECT account FROM " + owners + " WHERE account = ? FOR UPDATE")) {
        lock.setString(1, token.account());
        lock.executeQuery().close();
      }
      try (PreparedStatement dup = c.prepareStatement("SELECT 1 FROM " + tokens + " WHERE id = ?")) {
        dup.setString(1, token.id());
        try (ResultSet rs = dup.executeQuery()) {
          if (rs.next()) {
            return Saved.DUPLICATE_ID;
          }
        }
      }
      if (maxLive != Integer.MAX_VALUE && liveCount(c, token.account(), now) >= maxLive) {
        return Saved.LIMIT_REACHED;
      }
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO " + tokens + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        ins.setString(1, token.id());
        ins.setString(2, token.account());
        ins.setString(3, token.name());
        ins.setString(4, encode(token.permissions()));
        ins.setBytes(5, token.hash());
        Sql.setInstant(ins, 6, token.createdAt());
        Sql.setInstant(ins, 7, token.expiresAt());
        Sql.setInstant(ins, 8, token.lastUsedAt());
        ins.setBoolean(9, token.revoked());
        ins.executeUpdate();
      } catch (SQLException e) {
        if (!Sql.isUniqueViolation(e)) {
          throw e;
        }
        // The same id saved at once for another account (whose lock we do not hold).
        c.rollback();
        return Saved.DUPLICATE_ID;
      }
      return Saved.SAVED;
    });
  }

  private void ensureOwnerRow(String account) {
    sql.run("api token owner", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + owners
          + " (account) SELECT ? WHERE NOT EXISTS (SELECT 1 FROM " + owners + " WHERE account = ?)")) {
        ps.setString(1, account);
        ps.setString(2, account);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!Sql.isUniqueViolation(e)) {
          throw e;
        }
        // another save created it first: that is all we needed
      }
      return null;
    });
  }

  private int liveCount(Connection c, String account, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + tokens
        + " WHERE account = ? AND revoked = FALSE AND (expires_at IS NULL OR expires_at > ?)")) {
      ps.setString(1, account);
      ps.setLong(2, now.toEpochMilli());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Override
  public Optional<ApiTokenRecord> find(String id) {
    return sql.run("api token find", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + tokens + " WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs)) : Optional.<ApiTokenRecord>empty();
        }
      }
    });
  }

  @Override
  public List<ApiTokenRecord> findByAccount(String account) {
    return sql.run("api token list", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + tokens
          + " WHERE account = ? ORDER BY created_at, id")) {
        ps.setString(1, account);
        List<ApiTokenRecord> out = new ArrayList<>();
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
  public boolean revoke(String account, String id) {
    return sql.run("api token revoke", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + tokens
          + " SET revoked = TRUE WHERE id = ? AND account = ? AND revoked = FALSE")) {
        ps.setString(1, id);
        ps.setString(2, account);
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public void touch(String id, Instant usedAt) {
    sql.run("api token touch", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + tokens
          + " SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
        ps.setLong(1, usedAt.toEpochMilli());
        ps.setString(2, id);
        ps.setLong(3, usedAt.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  private static ApiTokenRecord read(ResultSet rs) throws SQLException {
    return new ApiTokenRecord(rs.getString("id"), rs.getString("account"), rs.getString("name"),
        decode(rs.getString("permissions")), rs.getBytes("hash"),
        Sql.getRequiredInstant(rs, "created_at"), Sql.getInstant(rs, "expires_at"),
        Sql.getInstant(rs, "last_used_at"), rs.getBoolean("revoked"));
  }

  /**
   * One permission per line, {@code scope op resource...} separated by spaces, each part
   * form-encoded so that a space or newline inside a scope or resource cannot split it.
   */
  static String encode(List<Permission> permissions) {
    StringBuilder sb = new StringBuilder();
    for (Permission p : permissions) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(URLEncoder.encode(p.scope(), StandardCharsets.UTF_8)).append(' ').append(p.operation().code());
      for (String r : p.resources()) {
        sb.append(' ').append(URLEncoder.encode(r, StandardCharsets.UTF_8));
      }
    }
    return sb.toString();
  }

  static List<Permission> decode(String stored) {
    List<Permission> out = new ArrayList<>();
    if (stored.isEmpty()) {
      return out;
    }
    for (String line : stored.split("\n", -1)) {
      String[] parts = line.split(" ", -1);
      Set<String> resources = new HashSet<>();
      for (int i = 2; i < parts.length; i++) {
        resources.add(URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
      }
      out.add(new Permission(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          Operation.fromCode(parts[1]), resources));
    }
    return out;
  }
}
