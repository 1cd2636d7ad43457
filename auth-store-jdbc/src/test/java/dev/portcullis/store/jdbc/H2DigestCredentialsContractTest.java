package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.testing.contract.DigestCredentialStoreContract;
import java.time.Clock;
import java.util.EnumSet;

/** The JDBC store on H2 (embedded) against DigestCredentialStoreContract. */
class H2DigestCredentialsContractTest extends DigestCredentialStoreContract {
  @Override
  protected DigestCredentialStore newStore() {
    JdbcDigestCredentialStore store = TestDatabases.h2Stores(Clock.systemUTC()).digestCredentials();
    store.put(USER, REALM, EnumSet.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256), PASSWORD.toCharArray());
    return store;
  }
}
