package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.testing.contract.ConsumerStoreContract;
import java.time.Clock;

/** The JDBC store on a real PostgreSQL against ConsumerStoreContract. */
class PostgresConsumersContractTest extends ConsumerStoreContract {
  @Override
  protected ConsumerStore newStore() {
    return TestDatabases.postgresStores(Clock.systemUTC()).consumers();
  }
}
