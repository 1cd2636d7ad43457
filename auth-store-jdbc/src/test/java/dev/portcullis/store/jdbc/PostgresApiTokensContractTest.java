package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.testing.contract.ApiTokenStoreContract;
import java.time.Clock;

/** The JDBC store on a real PostgreSQL against ApiTokenStoreContract. */
class PostgresApiTokensContractTest extends ApiTokenStoreContract {
  @Override
  protected ApiTokenStore newStore() {
    return TestDatabases.postgresStores(Clock.systemUTC()).apiTokens();
  }
}
