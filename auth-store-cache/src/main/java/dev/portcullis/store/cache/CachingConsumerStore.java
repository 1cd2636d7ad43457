package dev.portcullis.store.cache;

import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import org.jspecify.annotations.Nullable;

/** {@link ConsumerStore#find} through a {@link Lookups}; writes pass through and invalidate. */
final class CachingConsumerStore implements ConsumerStore {
  private final ConsumerStore store;
  private final Invalidations channel;
  private final Lookups<String, Consumer> byKey;

  CachingConsumerStore(ConsumerStore store, ReadCache settings) {
    this.store = store;
    this.channel = settings.invalidations;
    this.byKey = new Lookups<>(settings);
    Lookups.follow(channel, Invalidation.Kind.CONSUMER, byKey);
  }

  @Override
  public @Nullable Consumer find(String key) {
    return byKey.get(key, store::find);
  }

  @Override
  public void save(Consumer consumer) {
    store.save(consumer);
    changed(consumer.key());
  }

  @Override
  public boolean addIfAbsent(Consumer consumer) {
    boolean added = store.addIfAbsent(consumer);
    if (added) {
      changed(consumer.key());
    }
    return added;
  }

  @Override
  public boolean remove(String key) {
    boolean removed = store.remove(key);
    if (removed) {
      changed(key);
    }
    return removed;
  }

  /**
   * Purges in the store. A cached consumer that expired is refused by the verifier anyway
   * ({@link Consumer#isExpired}) and leaves the cache within its TTL, so nothing is broadcast; the
   * local entries go at once when anything was purged.
   */
  @Override
  public int purgeExpired(java.time.Instant now) {
    int purged = store.purgeExpired(now);
    if (purged > 0) {
      byKey.invalidateAll();
    }
    return purged;
  }

  private void changed(String key) {
    Lookups.changed(byKey, channel, Invalidation.Kind.CONSUMER, key);
  }

  @Override
  public String toString() {
    return "CachingConsumerStore[" + store + "]";
  }
}
