package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.NcWindowContract;

/** The JDBC store on a real PostgreSQL against NcWindowContract. */
class PostgresNcWindowContractTest extends NcWindowContract {
  @Override
  protected ReplayGuard newGuard(MutableClock clock) {
    return TestDatabases.postgresStores(clock).replayGuard();
  }
}
