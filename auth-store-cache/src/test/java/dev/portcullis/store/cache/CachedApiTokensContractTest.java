package dev.portcullis.store.cache;

import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.testing.contract.ApiTokenStoreContract;
import java.time.Duration;

/**
 * A cached store is still the store: the API token kit through the cache, with a TTL long enough
 * (and misses cached) that only the invalidation on write can keep the answers right.
 */
class CachedApiTokensContractTest extends ApiTokenStoreContract {
  @Override
  protected ApiTokenStore newStore() {
    return ReadCache.builder().ttl(Duration.ofMinutes(10)).negativeTtl(Duration.ofMinutes(1)).build()
        .apiTokens(new InMemoryApiTokenStore());
  }
}
