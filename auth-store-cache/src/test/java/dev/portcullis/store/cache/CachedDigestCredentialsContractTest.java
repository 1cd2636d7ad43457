package dev.portcullis.store.cache;

import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.testing.contract.DigestCredentialStoreContract;
import java.time.Duration;
import java.util.EnumSet;

/** The Digest credential store kit through the cache (HA1 copies must stay the caller's to zero). */
class CachedDigestCredentialsContractTest extends DigestCredentialStoreContract {
  @Override
  protected DigestCredentialStore newStore() {
    return ReadCache.builder().ttl(Duration.ofMinutes(10)).negativeTtl(Duration.ofMinutes(1)).build()
        .digestCredentials(InMemoryDigestCredentialStore.builder().realm(REALM)
            .algorithms(EnumSet.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256))
            .user(USER, PASSWORD.toCharArray()).build());
  }
}
