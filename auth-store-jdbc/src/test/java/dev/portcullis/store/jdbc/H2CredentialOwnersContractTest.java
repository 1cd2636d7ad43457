package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.testing.contract.CredentialOwnersContract;
import java.time.Clock;

/** The JDBC credential owners on H2 (embedded) against CredentialOwnersContract. */
class H2CredentialOwnersContractTest extends CredentialOwnersContract {
  @Override
  protected CredentialOwners newOwners() {
    return TestDatabases.h2Stores(Clock.systemUTC()).credentialOwners();
  }
}
