package dev.portcullis.store.cache;

import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Remembers, for the TTL, which pairs, identifiers and addresses the limiter last answered with no
 * failures, so that {@link #counts} for a client with a clean record (nearly every request) makes
 * no round trip. Anything with a failure on record is always read from the limiter.
 *
 * <p>A failure recorded through any node's cache drops the three entries it touches (its pair, its
 * identifier, its address) on this node at once and on every node through the channel, and no
 * "clean" answer read while a failure was being recorded is kept. What this costs in strictness:
 * while the channel is down (or with {@link Invalidations#local()}), a node that cached a clean
 * record a moment before may verify one more guess per in-flight request for up to the TTL after
 * failures elsewhere; its own failure drops the entry. A clean record is also answered from the
 * cache for up to the TTL after the limiter became unreachable, as the other lookups are.
 */
final class CachingAttemptLimiter implements AttemptLimiter {
  /** An identifier's or an address's counter in one realm; {@code address} tells which. */
  private record Scoped(String realm, String value, boolean address) {}

  private final AttemptLimiter limiter;
  private final Invalidations channel;
  /** AttemptKey (the pair) or Scoped, mapped to TRUE: "no failure on record". */
  private final Lookups<Object, Boolean> clean;
  /** Bumped by every failure seen: a clean read that overlaps one is not kept. */
  private final AtomicLong failures = new AtomicLong();

  CachingAttemptLimiter(AttemptLimiter limiter, ReadCache settings) {
    this.limiter = limiter;
    this.channel = settings.invalidations;
    this.clean = new Lookups<>(settings);
    channel.subscribe(m -> {
      if (m.kind() == Invalidation.Kind.ATTEMPT_FAILED) {
        AttemptKey k = decode(m.id());
        if (k != null) {
          forget(k);
        }
      } else if (m.kind() == Invalidation.Kind.ALL) {
        failures.incrementAndGet();
        clean.invalidateAll();
      }
    });
  }

  @Override
  public AttemptCounts counts(AttemptKey key) {
    String id = key.identifier();
    Scoped address = new Scoped(key.realm(), key.address(), true);
    Scoped identifier = id == null ? null : new Scoped(key.realm(), id, false);
    if (clean.getIfPresent(address) != null
        && (identifier == null || (clean.getIfPresent(identifier) != null && clean.getIfPresent(key) != null))) {
      return AttemptCounts.NONE;
    }
    long before = failures.get();
    AttemptCounts counts = limiter.counts(key);
    if (counts.clean()) {
      clean.put(address, Boolean.TRUE);
      if (identifier != null) {
        clean.put(identifier, Boolean.TRUE);
        clean.put(key, Boolean.TRUE);
      }
      if (failures.get() != before) {
        // a failure was seen while this read was in flight: the answer may predate it
        drop(key);
      }
    }
    return counts;
  }

  @Override
  public AttemptCounts recordFailure(AttemptKey key, AttemptWindows windows) {
    try {
      return limiter.recordFailure(key, windows);
    } finally {
      // after the write, so that a concurrent clean read either sees it or is dropped here
      forget(key);
      Lookups.publish(channel, new Invalidation(Invalidation.Kind.ATTEMPT_FAILED, encode(key)));
    }
  }

  @Override
  public void reset(AttemptKey key, Set<AttemptScope> scopes) {
    limiter.reset(key, scopes); // fewer failures: nothing cached as clean can become wrong
  }

  private void forget(AttemptKey key) {
    failures.incrementAndGet();
    drop(key);
  }

  /** Drops the pair's, the identifier's and the address's clean entries. */
  private void drop(AttemptKey key) {
    clean.invalidate(new Scoped(key.realm(), key.address(), true));
    if (key.identifier() != null) {
      clean.invalidate(new Scoped(key.realm(), key.identifier(), false));
      clean.invalidate(key);
    }
  }

  /** {@code realm LF address [LF identifier]}: the identifier last, since the client chose it. */
  static String encode(AttemptKey key) {
    String base = key.realm() + '\n' + key.address();
    return key.identifier() == null ? base : base + '\n' + key.identifier();
  }

  /** The key {@link #encode} wrote, or null for a message that is not one. */
  static @Nullable AttemptKey decode(String id) {
    int a = id.indexOf('\n');
    if (a < 0) {
      return null;
    }
    int b = id.indexOf('\n', a + 1);
    String realm = id.substring(0, a);
    String address = b < 0 ? id.substring(a + 1) : id.substring(a + 1, b);
    try {
      return new AttemptKey(realm, b < 0 ? null : id.substring(b + 1), address);
    } catch (IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  /** Entries held (pairs, identifiers and addresses together); for tests. */
  long cachedEntries() {
    return clean.size();
  }

  @Override
  public String toString() {
    return "CachingAttemptLimiter[" + limiter + "]";
  }
}
