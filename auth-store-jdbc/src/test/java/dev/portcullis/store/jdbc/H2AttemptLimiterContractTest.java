package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.AttemptLimiterContract;
import org.h2.jdbcx.JdbcDataSource;

/** The JDBC limiter on H2 (embedded) against AttemptLimiterContract. */
class H2AttemptLimiterContractTest extends AttemptLimiterContract {
  @Override
  protected AttemptLimiter newLimiter(MutableClock clock) {
    return TestDatabases.h2Stores(clock).attemptLimiter();
  }

  /** An H2 server URL on a port where nothing listens: every connection is refused. */
  @Override
  protected AttemptLimiter unreachableLimiter(MutableClock clock) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:tcp://127.0.0.1:" + TestDatabases.closedPort() + "/mem:nowhere");
    return JdbcStores.builder(ds).clock(clock).build().attemptLimiter();
  }

  /** A shared store is bounded by its windows, not a table: a smaller flood shows the same. */
  @Override
  protected int floodSize() {
    return 2_000;
  }
}
