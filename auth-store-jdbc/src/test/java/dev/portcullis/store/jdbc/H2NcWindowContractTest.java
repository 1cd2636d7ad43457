package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.NcWindowContract;

/** The JDBC store on H2 (embedded) against NcWindowContract. */
class H2NcWindowContractTest extends NcWindowContract {
  @Override
  protected ReplayGuard newGuard(MutableClock clock) {
    return TestDatabases.h2Stores(clock).replayGuard();
  }
}
