package dev.portcullis.store.redis;

import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.ReplayGuardContract;
import org.junit.jupiter.api.AfterEach;

/** {@link RedisReplayGuard#firstUse} against the replay guard kit, on a real Redis 7. */
class RedisReplayGuardContractTest extends ReplayGuardContract {
  private final RedisFixture redis = new RedisFixture();

  @Override
  protected ReplayGuard newGuard(MutableClock clock) {
    return redis.stores(clock).replayGuard();
  }

  @AfterEach
  void close() {
    redis.close();
  }
}
