package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.AttemptLimiterContract;
import org.postgresql.ds.PGSimpleDataSource;

/** The JDBC limiter on a real PostgreSQL against AttemptLimiterContract. */
class PostgresAttemptLimiterContractTest extends AttemptLimiterContract {
  @Override
  protected AttemptLimiter newLimiter(MutableClock clock) {
    return TestDatabases.postgresStores(clock).attemptLimiter();
  }

  /** The PostgreSQL driver pointed at a port where nothing listens: every connection is refused. */
  @Override
  protected AttemptLimiter unreachableLimiter(MutableClock clock) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL("jdbc:postgresql://127.0.0.1:" + TestDatabases.closedPort() + "/postgres");
    ds.setConnectTimeout(2);
    return JdbcStores.builder(ds).clock(clock).build().attemptLimiter();
  }

  /** A shared store is bounded by its windows, not a table: a smaller flood shows the same. */
  @Override
  protected int floodSize() {
    return 2_000;
  }
}
