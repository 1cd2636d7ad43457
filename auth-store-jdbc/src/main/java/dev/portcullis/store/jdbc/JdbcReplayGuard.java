package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.Maintainable;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.digest.DigestCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link ReplayGuard} over JDBC for teams that have only a database; shared by every node on it.
 *
 * <p>{@link #firstUse} is an INSERT that the primary key makes atomic; when the key exists, one
 * conditional UPDATE takes it over only if it has expired, so of racing callers exactly one wins
 * either way. {@link #firstCount} (RFC 7616 §3.4, the nonce count) keeps a high-water mark per
 * nonce and a row per count seen, under a row lock on the nonce's window, so counts below the window
 * are refused and each count passes once. Expired rows go in {@link #purgeExpired}, which
 * {@code StoreMaintenance} runs; a row that outlives its ttl before a purge is never taken as new.
 * Thread-safe.
 */
public final class JdbcReplayGuard implements ReplayGuard, Maintainable {
  private final Sql sql;
  private final Clock clock;
  private final String keys;
  private final String windows;
  private final String counts;

  JdbcReplayGuard(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
    this.keys = sql.table("replay_keys");
    this.windows = sql.table("nc_windows");
    this.counts = sql.table("nc_counts");
  }

  @Override
  public boolean firstUse(String key, Duration ttl) {
    String row = rowKey(key);
    long now = clock.millis();
    long expires = now + ttl.toMillis();
    return sql.run("replay guard", c -> {
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO " + keys + " (replay_key, expires_at) VALUES (?, ?)")) {
        ins.setString(1, row);
        ins.setLong(2, expires);
        return ins.executeUpdate() == 1;
      } catch (SQLException e) {
        if (!Sql.isUniqueViolation(e)) {
          throw e;
        }
      }
      // Seen before: new again only if its lifetime ended and no racer took it over first.
      try (PreparedStatement upd = c.prepareStatement(
          "UPDATE " + keys + " SET expires_at = ? WHERE replay_key = ? AND expires_at <= ?")) {
        upd.setLong(1, expires);
        upd.setString(2, row);
        upd.setLong(3, now);
        return upd.executeUpdate() == 1;
      }
    });
  }

  @Override
  public boolean firstCount(String nonceKey, long count, int window, Duration ttl) {
    if (count < 1 || window < 1) {
      throw new IllegalArgumentException("count and window must be positive");
    }
    String key = rowKey(nonceKey);
    long now = clock.millis();
    long expires = now + ttl.toMillis();
    ensureWindow(key, expires);
    return sql.inTransaction("nc window", c -> {
      long high;
      try (PreparedStatement lock = c.prepareStatement(
          "SELECT high FROM " + windows + " WHERE nonce_key = ? FOR UPDATE")) {
        lock.setString(1, key);
        try (ResultSet rs = lock.executeQuery()) {
          if (!rs.next()) {
            // purged between ensureWindow and here: refuse rather than guess
            return false;
          }
          high = rs.getLong(1);
        }
      }
      if (count <= high - window) {
        return false;
      }
      if (seen(c, key, count)) {
        return false;
      }
      try (PreparedStatement ins = c.prepareStatement(
          "INSERT INTO " + counts + " (nonce_key, nc, expires_at) VALUES (?, ?, ?)")) {
        ins.setString(1, key);
        ins.setLong(2, count);
        ins.setLong(3, expires);
        ins.executeUpdate();
      }
      try (PreparedStatement upd = c.prepareStatement("UPDATE " + windows
          + " SET high = CASE WHEN high < ? THEN ? ELSE high END, expires_at = ? WHERE nonce_key = ?")) {
        upd.setLong(1, count);
        upd.setLong(2, count);
        upd.setLong(3, expires);
        upd.setString(4, key);
        upd.executeUpdate();
      }
      return true;
    });
  }

  /**
   * The stored form of a caller's key: its SHA-256 in hex. Keys hold client-chosen parts (an OAuth
   * nonce, a Digest nonce) of any length; a fixed-size row keeps a long one from failing the INSERT,
   * which would turn a bad request into a 503.
   */
  static String rowKey(String key) {
    try {
      return DigestCredentials.hex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private boolean seen(Connection c, String key, long count) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM " + counts + " WHERE nonce_key = ? AND nc = ?")) {
      ps.setString(1, key);
      ps.setLong(2, count);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private void ensureWindow(String key, long expires) {
    sql.run("nc window create", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + windows
          + " (nonce_key, high, expires_at) SELECT ?, 0, ? WHERE NOT EXISTS"
          + " (SELECT 1 FROM " + windows + " WHERE nonce_key = ?)")) {
        ps.setString(1, key);
        ps.setLong(2, expires);
        ps.setString(3, key);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (!Sql.isUniqueViolation(e)) {
          throw e;
        }
        // a racing first use created it: what we wanted
      }
      return null;
    });
  }

  @Override
  public int purgeExpired(Instant now) {
    long ms = now.toEpochMilli();
    return sql.inTransaction("replay purge", c -> {
      int removed = 0;
      for (String table : new String[] {keys, counts, windows}) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
          ps.setLong(1, ms);
          removed += ps.executeUpdate();
        }
      }
      return removed;
    });
  }
}
