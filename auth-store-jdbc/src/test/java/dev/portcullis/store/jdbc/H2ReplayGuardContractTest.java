package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.ReplayGuardContract;

/** The JDBC store on H2 (embedded) against ReplayGuardContract. */
class H2ReplayGuardContractTest extends ReplayGuardContract {
  @Override
  protected ReplayGuard newGuard(MutableClock clock) {
    return TestDatabases.h2Stores(clock).replayGuard();
  }
}
