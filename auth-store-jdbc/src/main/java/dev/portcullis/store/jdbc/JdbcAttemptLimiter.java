package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptCounts.Counter;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import dev.portcullis.core.spi.Maintainable;
import dev.portcullis.core.spi.digest.DigestCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link AttemptLimiter} over JDBC: failure counters shared by every node on the database.
 *
 * <p>Each counter is a row keyed by the SHA-256 of (scope, realm, identifier, address), so an
 * attacker-chosen identifier of any length costs one fixed-size row. {@link #counts} is one
 * {@code SELECT ... WHERE counter_key IN (...)}. On PostgreSQL {@link #recordFailure} is one
 * statement, {@code INSERT ... ON CONFLICT DO UPDATE ... RETURNING}, atomic for racing nodes; on
 * other databases (H2, embedded, where a round trip is a method call) it is one transaction of an
 * UPDATE or INSERT per counter, retried when a racer inserted first. Rows are written in key order,
 * so two failures sharing counters cannot deadlock. {@link #reset} is one DELETE. Counters are
 * bounded by their windows: {@link #purgeExpired} (run by {@code StoreMaintenance}) deletes the
 * expired rows, and a read ignores them before then. Thread-safe.
 */
public final class JdbcAttemptLimiter implements AttemptLimiter, Maintainable {
  /** Counts stop here instead of growing without bound under a flood. */
  static final int MAX_FAILURES = 1_000_000;

  private final Sql sql;
  private final Clock clock;
  private final String table;
  private volatile Boolean postgres;

  JdbcAttemptLimiter(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
    this.table = sql.table("attempt_counters");
  }

  @Override
  public AttemptCounts counts(AttemptKey key) {
    Map<AttemptScope, String> ids = counterKeys(key);
    long now = clock.millis();
    return sql.run("attempt counts", c -> {
      StringBuilder q = new StringBuilder("SELECT counter_key, failures, expires_at FROM ").append(table)
          .append(" WHERE expires_at > ? AND counter_key IN (");
      for (int i = 0; i < ids.size(); i++) {
        q.append(i == 0 ? "?" : ", ?");
      }
      try (PreparedStatement ps = c.prepareStatement(q.append(')').toString())) {
        ps.setLong(1, now);
        int i = 2;
        for (String id : ids.values()) {
          ps.setString(i++, id);
        }
        try (ResultSet rs = ps.executeQuery()) {
          return collect(ids, rs);
        }
      }
    });
  }

  @Override
  public AttemptCounts recordFailure(AttemptKey key, AttemptWindows windows) {
    Map<AttemptScope, String> ids = counterKeys(key);
    long now = clock.millis();
    List<Map.Entry<AttemptScope, String>> ordered = new ArrayList<>(ids.entrySet());
    ordered.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
    if (isPostgres()) {
      return sql.run("attempt failure", c -> upsertPostgres(c, ids, ordered, windows, now));
    }
    for (int attempt = 0; ; attempt++) {
      try {
        return sql.inTransaction("attempt failure", c -> updateOrInsert(c, ids, ordered, windows, now));
      } catch (RetryableInsert e) {
        if (attempt >= 5) {
          throw new dev.portcullis.core.spi.StoreUnavailableException("attempt counters keep colliding");
        }
      }
    }
  }

  @Override
  public void reset(AttemptKey key, Set<AttemptScope> scopes) {
    Map<AttemptScope, String> ids = counterKeys(key);
    List<String> gone = new ArrayList<>();
    for (AttemptScope s : scopes) {
      String id = ids.get(s);
      if (id != null) {
        gone.add(id);
      }
    }
    if (gone.isEmpty()) {
      return;
    }
    sql.run("attempt reset", c -> {
      StringBuilder q = new StringBuilder("DELETE FROM ").append(table).append(" WHERE counter_key IN (");
      for (int i = 0; i < gone.size(); i++) {
        q.append(i == 0 ? "?" : ", ?");
      }
      try (PreparedStatement ps = c.prepareStatement(q.append(')').toString())) {
        for (int i = 0; i < gone.size(); i++) {
          ps.setString(i + 1, gone.get(i));
        }
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public int purgeExpired(Instant now) {
    return sql.run("attempt purge", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
        ps.setLong(1, now.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  private AttemptCounts upsertPostgres(Connection c, Map<AttemptScope, String> ids,
      List<Map.Entry<AttemptScope, String>> ordered, AttemptWindows windows, long now) throws SQLException {
    StringBuilder q = new StringBuilder("INSERT INTO ").append(table)
        .append(" AS t (counter_key, failures, expires_at) VALUES ");
    for (int i = 0; i < ordered.size(); i++) {
      q.append(i == 0 ? "(?, 1, ?)" : ", (?, 1, ?)");
    }
    q.append(" ON CONFLICT (counter_key) DO UPDATE SET failures = CASE WHEN t.expires_at > ?"
        + " THEN LEAST(t.failures + 1, ").append(MAX_FAILURES).append(") ELSE 1 END,"
        + " expires_at = EXCLUDED.expires_at RETURNING counter_key, failures, expires_at");
    try (PreparedStatement ps = c.prepareStatement(q.toString())) {
      int i = 1;
      for (Map.Entry<AttemptScope, String> e : ordered) {
        ps.setString(i++, e.getValue());
        ps.setLong(i++, now + windows.of(e.getKey()).toMillis());
      }
      ps.setLong(i, now);
      try (ResultSet rs = ps.executeQuery()) {
        return collect(ids, rs);
      }
    }
  }

  private AttemptCounts updateOrInsert(Connection c, Map<AttemptScope, String> ids,
      List<Map.Entry<AttemptScope, String>> ordered, AttemptWindows windows, long now) throws SQLException {
    Map<AttemptScope, Counter> out = new EnumMap<>(AttemptScope.class);
    for (Map.Entry<AttemptScope, String> e : ordered) {
      long expires = now + windows.of(e.getKey()).toMillis();
      int updated;
      try (PreparedStatement up = c.prepareStatement("UPDATE " + table
          + " SET failures = CASE WHEN expires_at > ? THEN LEAST(failures + 1, " + MAX_FAILURES + ") ELSE 1 END,"
          + " expires_at = ? WHERE counter_key = ?")) {
        up.setLong(1, now);
        up.setLong(2, expires);
        up.setString(3, e.getValue());
        updated = up.executeUpdate();
      }
      if (updated == 0) {
        try (PreparedStatement ins = c.prepareStatement(
            "INSERT INTO " + table + " (counter_key, failures, expires_at) VALUES (?, 1, ?)")) {
          ins.setString(1, e.getValue());
          ins.setLong(2, expires);
          ins.executeUpdate();
        } catch (SQLException x) {
          if (Sql.isUniqueViolation(x)) {
            c.rollback();
            throw new RetryableInsert();
          }
          throw x;
        }
      }
      try (PreparedStatement read = c.prepareStatement(
          "SELECT failures, expires_at FROM " + table + " WHERE counter_key = ?")) {
        read.setString(1, e.getValue());
        try (ResultSet rs = read.executeQuery()) {
          rs.next();
          out.put(e.getKey(), new Counter(rs.getInt(1), rs.getLong(2)));
        }
      }
    }
    return counts(out);
  }

  private static AttemptCounts collect(Map<AttemptScope, String> ids, ResultSet rs) throws SQLException {
    Map<AttemptScope, Counter> out = new EnumMap<>(AttemptScope.class);
    while (rs.next()) {
      String id = rs.getString(1);
      for (Map.Entry<AttemptScope, String> e : ids.entrySet()) {
        if (e.getValue().equals(id)) {
          out.put(e.getKey(), new Counter(rs.getInt(2), rs.getLong(3)));
        }
      }
    }
    return counts(out);
  }

  private static AttemptCounts counts(Map<AttemptScope, Counter> c) {
    return new AttemptCounts(c.getOrDefault(AttemptScope.PAIR, Counter.NONE),
        c.getOrDefault(AttemptScope.IDENTIFIER, Counter.NONE),
        c.getOrDefault(AttemptScope.ADDRESS, Counter.NONE));
  }

  /** The row keys of {@code key}'s counters: only the address one when it has no identifier. */
  static Map<AttemptScope, String> counterKeys(AttemptKey key) {
    Map<AttemptScope, String> ids = new EnumMap<>(AttemptScope.class);
    String identifier = key.identifier();
    if (identifier != null) {
      ids.put(AttemptScope.PAIR, hash("P", key.realm(), identifier, key.address()));
      ids.put(AttemptScope.IDENTIFIER, hash("I", key.realm(), identifier, ""));
    }
    ids.put(AttemptScope.ADDRESS, hash("A", key.realm(), "", key.address()));
    return ids;
  }

  private static String hash(String scope, String realm, String identifier, String address) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      // length-prefixed parts: ("a|b", "c") and ("a", "b|c") must not name one counter
      for (String part : new String[] {scope, realm, identifier, address}) {
        byte[] b = part.getBytes(StandardCharsets.UTF_8);
        md.update((byte) (b.length >>> 24));
        md.update((byte) (b.length >>> 16));
        md.update((byte) (b.length >>> 8));
        md.update((byte) b.length);
        md.update(b);
      }
      return DigestCredentials.hex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private boolean isPostgres() {
    Boolean pg = postgres;
    if (pg == null) {
      pg = sql.run("database product", c -> "PostgreSQL".equals(c.getMetaData().getDatabaseProductName()));
      postgres = pg;
    }
    return pg;
  }

  /** A racer inserted the counter first: run the transaction again, which then updates it. */
  private static final class RetryableInsert extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RetryableInsert() {
      super("retry", null, false, false);
    }
  }
}
