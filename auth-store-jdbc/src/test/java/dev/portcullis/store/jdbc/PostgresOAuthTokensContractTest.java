package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.testing.contract.OAuthTokenStoreContract;
import java.time.Clock;

/** The JDBC store on a real PostgreSQL against OAuthTokenStoreContract. */
class PostgresOAuthTokensContractTest extends OAuthTokenStoreContract {
  @Override
  protected OAuthTokenStore newStore() {
    return TestDatabases.postgresStores(Clock.systemUTC()).oauthTokens();
  }
}
