package dev.portcullis.store.redis;

import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.testing.MutableClock;
import dev.portcullis.testing.contract.NcWindowContract;
import org.junit.jupiter.api.AfterEach;

/** The Digest nc window script against its kit (it keeps a window: counts below it are refused). */
class RedisNcWindowContractTest extends NcWindowContract {
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
