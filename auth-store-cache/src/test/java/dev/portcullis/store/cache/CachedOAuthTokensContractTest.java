package dev.portcullis.store.cache;

import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.testing.contract.OAuthTokenStoreContract;
import java.time.Duration;

/** The OAuth token store kit through the cache (long TTL, negatives asked for: they must not be kept). */
class CachedOAuthTokensContractTest extends OAuthTokenStoreContract {
  @Override
  protected OAuthTokenStore newStore() {
    return ReadCache.builder().ttl(Duration.ofMinutes(10)).negativeTtl(Duration.ofMinutes(1)).build()
        .oauthTokens(new InMemoryOAuthTokenStore());
  }
}
