package dev.portcullis.store.redis;

import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.AttemptLimiterContract;
import dev.portcullis.testing.servers.RedisServer;
import org.junit.jupiter.api.AfterEach;

/** The attempt-limiter kit on Redis 7; the unreachable one is a Redis of its own, killed. */
class RedisAttemptLimiterContractTest extends AttemptLimiterContract {
  private final RedisFixture redis = new RedisFixture();
  private RedisServer killed;

  @Override
  protected AttemptLimiter newLimiter(MutableClock clock) {
    return redis.stores(clock).attemptLimiter();
  }

  @Override
  protected AttemptLimiter unreachableLimiter(MutableClock clock) {
    killed = RedisServer.startNew();
    RedisStores stores = RedisStores.builder().uri(killed.uri()).clock(clock).commandTimeout(java.time.Duration.ofSeconds(3)).build();
    redis.adopt(stores);
    AttemptLimiter limiter = stores.attemptLimiter();
    killed.kill();
    return limiter;
  }

  @Override
  protected int floodSize() {
    // Redis bounds a flood by the windows, not by a table; 10,000 keys show no live counter falls
    return 10_000;
  }

  @AfterEach
  void close() {
    redis.close();
    if (killed != null) {
      killed.stopAndDelete();
    }
  }
}
