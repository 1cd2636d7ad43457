package dev.portcullis.store.cache;

import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.AttemptLimiterContract;
import java.time.Duration;

/**
 * The limiter kit through the cache, with a TTL far longer than any window in the kit: every clean
 * answer it keeps must be dropped by the failure that makes it wrong, or the kit fails.
 */
class CachedAttemptLimiterContractTest extends AttemptLimiterContract {
  @Override
  protected AttemptLimiter newLimiter(MutableClock clock) {
    return ReadCache.builder().ttl(Duration.ofMinutes(10)).clock(clock).build()
        .attemptLimiter(new InMemoryAttemptLimiter(clock, 1 << 16));
  }

  @Override
  protected AttemptLimiter unreachableLimiter(MutableClock clock) {
    return ReadCache.builder().clock(clock).build().attemptLimiter(alwaysUnreachable());
  }
}
