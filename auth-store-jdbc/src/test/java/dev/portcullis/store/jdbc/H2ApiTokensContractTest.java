package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.testing.contract.ApiTokenStoreContract;
import java.time.Clock;

/** The JDBC store on H2 (embedded) against ApiTokenStoreContract. */
class H2ApiTokensContractTest extends ApiTokenStoreContract {
  @Override
  protected ApiTokenStore newStore() {
    return TestDatabases.h2Stores(Clock.systemUTC()).apiTokens();
  }
}
