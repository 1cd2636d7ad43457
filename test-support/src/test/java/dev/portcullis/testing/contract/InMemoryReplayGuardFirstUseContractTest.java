package dev.portcullis.testing.contract;

import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.testing.MutableClock;
import java.time.Clock;
import java.util.EnumSet;

/** The in-memory store against its contract kit (here, not in auth-core, which is built first). */
class InMemoryReplayGuardFirstUseContractTest extends ReplayGuardContract {
  @Override
  protected ReplayGuard newGuard(MutableClock clock) {
    return new InMemoryReplayGuard(clock, 10_000, null);
  }
}
