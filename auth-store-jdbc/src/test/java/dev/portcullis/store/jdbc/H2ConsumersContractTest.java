package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.testing.contract.ConsumerStoreContract;
import java.time.Clock;

/** The JDBC store on H2 (embedded) against ConsumerStoreContract. */
class H2ConsumersContractTest extends ConsumerStoreContract {
  @Override
  protected ConsumerStore newStore() {
    return TestDatabases.h2Stores(Clock.systemUTC()).consumers();
  }
}
