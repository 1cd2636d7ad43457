package dev.portcullis.store.cache;

import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.testing.contract.ApplicationRegistryContract;
import java.time.Duration;

/**
 * The application registry kit through the cache (long TTL, misses cached), with every change made
 * through the cache: a disable it did not drop at once would fail the kit.
 */
class CachedApplicationsContractTest extends ApplicationRegistryContract {
  @Override
  protected ApplicationRegistry newRegistry() {
    return ReadCache.builder().ttl(Duration.ofMinutes(10)).negativeTtl(Duration.ofMinutes(1)).build()
        .applications(new InMemoryApplicationRegistry());
  }

  @Override
  protected boolean register(ApplicationRegistry registry, Application application) {
    return registry.add(application);
  }

  @Override
  protected boolean setEnabled(ApplicationRegistry registry, String apiKey, boolean enabled) {
    return enabled ? registry.enable(apiKey) : registry.disable(apiKey);
  }
}
