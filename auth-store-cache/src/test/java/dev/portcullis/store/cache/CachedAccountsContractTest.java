package dev.portcullis.store.cache;

import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.testing.contract.AccountStoreContract;
import java.time.Duration;
import java.util.List;

/** The account store kit through the cache (long TTL, misses cached). */
class CachedAccountsContractTest extends AccountStoreContract {
  @Override
  protected AccountStore newStore(List<Seed> accounts) {
    InMemoryAccountStore.Builder b = InMemoryAccountStore.builder();
    for (Seed s : accounts) {
      b.account(s.id(), s.apiToken(), s.apiKeys());
    }
    return ReadCache.builder().ttl(Duration.ofMinutes(10)).negativeTtl(Duration.ofMinutes(1)).build().accounts(b.build());
  }
}
