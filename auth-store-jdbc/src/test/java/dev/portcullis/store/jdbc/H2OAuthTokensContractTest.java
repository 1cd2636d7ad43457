package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.testing.contract.OAuthTokenStoreContract;
import java.time.Clock;

/** The JDBC store on H2 (embedded) against OAuthTokenStoreContract. */
class H2OAuthTokensContractTest extends OAuthTokenStoreContract {
  @Override
  protected OAuthTokenStore newStore() {
    return TestDatabases.h2Stores(Clock.systemUTC()).oauthTokens();
  }
}
