package dev.portcullis.store.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.lang.System.Logger.Level;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One bounded Caffeine cache of lookups, where "found" lives the TTL and "not found" the negative
 * TTL (or is not kept at all). Loads run inside Caffeine's per-key compute, so an invalidation that
 * arrives while a load is in flight waits for it and then drops its result: a revocation cannot be
 * overtaken by a read that started before it.
 */
final class Lookups<K, V> {
  private static final System.Logger LOG = System.getLogger(Lookups.class.getName());
  /** The cached form of "not found". */
  private static final Object ABSENT = new Object();

  private final Cache<K, Object> cache;
  private final boolean negatives;

  Lookups(ReadCache settings) {
    this(settings, true);
  }

  /** With {@code cacheMisses} false, "not found" is never kept, whatever the negative TTL says. */
  Lookups(ReadCache settings, boolean cacheMisses) {
    long ttl = settings.ttl.toNanos();
    long negative = cacheMisses ? settings.negativeTtl.toNanos() : 0;
    negatives = negative > 0;
    java.time.Clock clock = settings.clock;
    Ticker ticker = clock == null ? Ticker.systemTicker() : () -> clock.millis() * 1_000_000L;
    Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(settings.maximumSize).ticker(ticker);
    if (!negatives) {
      // the default: every entry lives the one TTL from its write, which Caffeine keeps in
      // write order with no per-read expiry call or timer-wheel work (a cache hit is most of
      // what the cache adds to a verification)
      cache = builder.expireAfterWrite(java.time.Duration.ofNanos(ttl)).build();
      return;
    }
    cache = builder
        .expireAfter(new Expiry<K, Object>() {
          @Override
          public long expireAfterCreate(K key, Object value, long currentTime) {
            return value == ABSENT ? negative : ttl;
          }

          @Override
          public long expireAfterUpdate(K key, Object value, long currentTime, long currentDuration) {
            return value == ABSENT ? negative : ttl;
          }

          @Override
          public long expireAfterRead(K key, Object value, long currentTime, long currentDuration) {
            return currentDuration; // reading never extends a life: the TTL bounds staleness
          }
        })
        .build();
  }

  /** The cached value, else {@code loader}'s (which may throw; then nothing is cached). */
  @SuppressWarnings("unchecked")
  @Nullable V get(K key, Function<K, @Nullable V> loader) {
    // a hit, the hot path: no loader lambda made, no compute entered
    Object v = cache.getIfPresent(key);
    if (v != null) {
      return v == ABSENT ? null : (V) v;
    }
    v = cache.get(key, k -> {
      V loaded = loader.apply(k);
      return loaded != null ? loaded : negatives ? ABSENT : null;
    });
    return v == null || v == ABSENT ? null : (V) v;
  }

  /** The cached value, or null when there is none (a cached "not found" reads as null too). */
  @SuppressWarnings("unchecked")
  @Nullable V getIfPresent(K key) {
    Object v = cache.getIfPresent(key);
    return v == null || v == ABSENT ? null : (V) v;
  }

  /** Caches {@code value} for the TTL, replacing what was there. */
  void put(K key, V value) {
    cache.put(key, value);
  }

  /** Replaces a cached value in place (no load), keeping its remaining life. */
  @SuppressWarnings("unchecked")
  void updateIfPresent(K key, Function<V, V> update) {
    cache.asMap().computeIfPresent(key, (k, v) -> v == ABSENT ? v : update.apply((V) v));
  }

  void invalidate(K key) {
    cache.invalidate(key);
  }

  @SuppressWarnings("unchecked")
  void invalidateIf(Predicate<K> keyTest, Predicate<V> valueTest) {
    cache.asMap().entrySet().removeIf(e -> keyTest.test(e.getKey())
        || (e.getValue() != ABSENT && valueTest.test((V) e.getValue())));
  }

  void invalidateAll() {
    cache.invalidateAll();
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * Keeps {@code lookups}, keyed by the messages' ids, in step with {@code channel}: a {@code kind}
   * message drops its id, {@link Invalidation.Kind#ALL} drops everything.
   */
  static void follow(Invalidations channel, Invalidation.Kind kind, Lookups<String, ?> lookups) {
    channel.subscribe(m -> {
      if (m.kind() == kind) {
        lookups.invalidate(m.id());
      } else if (m.kind() == Invalidation.Kind.ALL) {
        lookups.invalidateAll();
      }
    });
  }

  /** After a write that changed {@code id}: drops it here at once and tells every node. */
  static void changed(Lookups<String, ?> lookups, Invalidations channel, Invalidation.Kind kind, String id) {
    lookups.invalidate(id);
    publish(channel, new Invalidation(kind, id));
  }

  /**
   * Publishes after a write. A channel outage does not undo or fail the write, which has happened:
   * the other nodes' caches then drop the entry within their TTL instead of at once.
   */
  static void publish(Invalidations channel, Invalidation message) {
    try {
      channel.publish(message);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "invalidation not broadcast ({0}); other nodes see the change within the cache TTL",
          e.getClass().getSimpleName());
    }
  }
}
