package dev.portcullis.store.redis;

import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.testing.contract.OAuthTokenStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole OAuth token store kit on request tokens in Redis plus access tokens in a delegate: the
 * kit mixes both kinds, so it checks the split as well as the scripts.
 */
class RedisRequestTokensContractTest extends OAuthTokenStoreContract {
  private final RedisFixture redis = new RedisFixture();

  @Override
  protected OAuthTokenStore newStore() {
    return redis.stores(Clock.systemUTC()).requestTokens(new InMemoryOAuthTokenStore(), SecretProtector.none());
  }

  @AfterEach
  void close() {
    redis.close();
  }
}
