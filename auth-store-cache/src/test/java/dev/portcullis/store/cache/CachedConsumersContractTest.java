package dev.portcullis.store.cache;

import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.testing.contract.ConsumerStoreContract;
import java.time.Duration;

/** The consumer store kit through the cache (long TTL, misses cached: writes must invalidate). */
class CachedConsumersContractTest extends ConsumerStoreContract {
  @Override
  protected ConsumerStore newStore() {
    return ReadCache.builder().ttl(Duration.ofMinutes(10)).negativeTtl(Duration.ofMinutes(1)).build()
        .consumers(new InMemoryConsumerStore());
  }
}
