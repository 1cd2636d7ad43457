package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.StoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The plumbing every JDBC store shares: connections, the table prefix, instants as epoch
 * milliseconds and the translation of SQL failures.
 *
 * <p>Every {@link SQLException} that is not a unique violation becomes a
 * {@link StoreUnavailableException}: an unreachable database, a pool that timed out, a missing
 * table and a syntax error all mean the store cannot answer, and authentication must fail closed
 * (503) rather than guess. The exception carries the SQLState and the driver's exception class, not
 * the driver's message, which for some errors quotes the values of the statement (a token hash, a
 * key). Thread-safe (stateless apart from its immutable configuration).
 */
final class Sql {
  /** SQLState of a unique (or primary key) violation, in PostgreSQL and H2 alike. */
  static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;
  private final String prefix;

  Sql(DataSource dataSource, String prefix) {
    this.dataSource = dataSource;
    this.prefix = prefix;
  }

  /** {@code name} with the configured prefix ({@code portcullis_api_tokens}). */
  String table(String name) {
    return prefix + name;
  }

  /** Work on one connection that returns a value. */
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on a pooled connection in auto-commit mode. */
  <T> T run(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw unavailable(what, e);
    }
  }

  /**
   * Runs {@code work} in one transaction (read committed), committing when it returns and rolling
   * back when it throws.
   */
  <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        restoreAutoCommit(c, auto);
      }
    } catch (SQLException e) {
      throw unavailable(what, e);
    }
  }

  /** Whether {@code e} (or an exception it chains) is a unique violation. */
  static boolean isUniqueViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (UNIQUE_VIOLATION.equals(x.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** A {@link StoreUnavailableException} for {@code e} that carries no statement values. */
  static StoreUnavailableException unavailable(String what, SQLException e) {
    // The driver's message may quote bound values (PostgreSQL's key details, H2's statement text),
    // so only the class and SQLState travel; the cause is a fresh exception without the message.
    String detail = e.getClass().getName() + " SQLState " + e.getSQLState();
    SQLException redacted = new SQLException(detail, e.getSQLState(), e.getErrorCode());
    redacted.setStackTrace(e.getStackTrace());
    return new StoreUnavailableException("database unavailable for " + what + " (" + detail + ")", redacted);
  }

  static void setInstant(PreparedStatement ps, int index, @Nullable Instant at) throws SQLException {
    if (at == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, at.toEpochMilli());
    }
  }

  static @Nullable Instant getInstant(ResultSet rs, String column) throws SQLException {
    long ms = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(ms);
  }

  static Instant getRequiredInstant(ResultSet rs, String column) throws SQLException {
    return Instant.ofEpochMilli(rs.getLong(column));
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException r) {
      // The connection is likely gone; the original failure is the one to report.
      cause.addSuppressed(r);
    }
  }

  private static void restoreAutoCommit(Connection c, boolean auto) {
    try {
      c.setAutoCommit(auto);
    } catch (SQLException ignored) {
      // A broken connection: the pool validates and evicts it on its next checkout.
    }
  }
}
