package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.ReplayGuardContract;

/** The JDBC store on a real PostgreSQL against ReplayGuardContract. */
class PostgresReplayGuardContractTest extends ReplayGuardContract {
  @Override
  protected ReplayGuard newGuard(MutableClock clock) {
    return TestDatabases.postgresStores(clock).replayGuard();
  }
}
