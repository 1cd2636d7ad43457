package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.testing.contract.CredentialOwnersContract;
import java.time.Clock;

/** The JDBC credential owners on a real PostgreSQL against CredentialOwnersContract. */
class PostgresCredentialOwnersContractTest extends CredentialOwnersContract {
  @Override
  protected CredentialOwners newOwners() {
    return TestDatabases.postgresStores(Clock.systemUTC()).credentialOwners();
  }
}
