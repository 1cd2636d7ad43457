package dev.portcullis.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.testing.servers.PostgresServer;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** Fresh, migrated stores on H2 (a new in-memory database each) or the shared real PostgreSQL. */
final class TestDatabases {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static HikariDataSource postgres;

  private TestDatabases() {}

  /** An empty in-memory H2 database of its own. */
  static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:pc" + SEQ.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  /** The pool on the JVM-wide PostgreSQL server (started on first use). */
  static synchronized DataSource postgres() {
    if (postgres == null) {
      postgres = pool(PostgresServer.shared());
    }
    return postgres;
  }

  static HikariDataSource pool(PostgresServer server) {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl(server.jdbcUrl());
    cfg.setUsername(server.user());
    cfg.setMaximumPoolSize(12);
    cfg.setConnectionTimeout(2_000);
    return new HikariDataSource(cfg);
  }

  /** A port that was free a moment ago and has nothing listening on it. */
  static int closedPort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Migrated stores on an empty H2 database. */
  static JdbcStores h2Stores(Clock clock) {
    JdbcStores s = JdbcStores.builder(h2()).clock(clock).passwordIterations(10_000).build();
    s.migrate();
    return s;
  }

  /** Migrated stores on PostgreSQL under a table prefix no other test uses: empty tables. */
  static JdbcStores postgresStores(Clock clock) {
    JdbcStores s = JdbcStores.builder(postgres()).clock(clock).passwordIterations(10_000)
        .tablePrefix("t" + SEQ.incrementAndGet() + "_").build();
    s.migrate();
    return s;
  }
}
