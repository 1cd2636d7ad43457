package dev.portcullis.demo;

import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.store.cache.ReadCache;
import dev.portcullis.store.redis.RedisStores;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Where the demo keeps what several nodes must share to refuse a replay: in this process (the
 * default), or in one Redis every node points at ({@code --redis URL}): the replay guard and Digest
 * nc window, the OAuth request tokens, and the revocation broadcast in front of the token lookups.
 *
 * <p>Thread-safe. Closed when the server stops.
 */
public final class DemoStores implements AutoCloseable {
  private final Clock clock;
  private final @Nullable RedisStores redis;
  private final @Nullable ReadCache cache;

  private DemoStores(Clock clock, @Nullable String redisUri) {
    this.clock = clock;
    if (redisUri == null) {
      redis = null;
      cache = null;
    } else {
      redis = RedisStores.builder().uri(redisUri).clock(clock).build();
      cache = ReadCache.builder().invalidations(redis.invalidations()).build();
    }
  }

  /** The stores for {@code settings}; connects to Redis when it names one. */
  static DemoStores of(DemoSettings settings) {
    return new DemoStores(settings.clock(), settings.redis());
  }

  /** A replay guard for one API: its own in memory, or the shared Redis one. */
  public ReplayGuard replayGuard() {
    return redis != null ? redis.replayGuard() : new InMemoryReplayGuard(clock, 1_000_000);
  }

  /** OAuth tokens: request tokens in Redis (single-use across nodes) when shared, else all in memory. */
  public OAuthTokenStore oauthTokens() {
    InMemoryOAuthTokenStore accessTokens = new InMemoryOAuthTokenStore();
    // the demo's provider seals token secrets with SecretProtector.none(); Redis must open them alike
    return redis != null ? redis.requestTokens(accessTokens, SecretProtector.none()) : accessTokens;
  }

  /** {@code store} behind the node-local cache that the Redis broadcast keeps honest; as is without Redis. */
  public ApiTokenStore apiTokens(ApiTokenStore store) {
    return cache != null ? cache.apiTokens(store) : store;
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
