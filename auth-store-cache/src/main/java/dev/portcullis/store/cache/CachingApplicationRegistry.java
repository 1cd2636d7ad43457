package dev.portcullis.store.cache;

import dev.portcullis.core.spi.ApplicationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * {@link ApplicationRegistry#find} through {@link Lookups}; registering, disabling and enabling pass
 * through and drop the key on every node, so a key disabled after a compromise is refused by Digest
 * at once wherever the broadcast reaches, and within the TTL where it does not.
 */
final class CachingApplicationRegistry implements ApplicationRegistry {
  private final ApplicationRegistry registry;
  private final Invalidations channel;
  private final Lookups<String, Application> byKey;

  CachingApplicationRegistry(ApplicationRegistry registry, ReadCache settings) {
    this.registry = registry;
    this.channel = settings.invalidations;
    this.byKey = new Lookups<>(settings);
    Lookups.follow(channel, Invalidation.Kind.APPLICATION, byKey);
  }

  @Override
  public @Nullable Application find(String apiKey) {
    return byKey.get(apiKey, registry::find);
  }

  @Override
  public boolean add(Application application) {
    boolean added = registry.add(application);
    if (added) {
      changed(application.apiKey()); // a cached miss, when negatives are kept
    }
    return added;
  }

  @Override
  public boolean disable(String apiKey) {
    boolean known = registry.disable(apiKey);
    changed(apiKey);
    return known;
  }

  @Override
  public boolean enable(String apiKey) {
    boolean known = registry.enable(apiKey);
    changed(apiKey);
    return known;
  }

  private void changed(String apiKey) {
    Lookups.changed(byKey, channel, Invalidation.Kind.APPLICATION, apiKey);
  }

  @Override
  public String toString() {
    return "CachingApplicationRegistry[" + registry + "]";
  }
}
