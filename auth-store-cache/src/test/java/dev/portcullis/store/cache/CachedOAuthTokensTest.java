package dev.portcullis.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.TokenState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Access tokens through the cache with two "nodes" over one store: read once, revoked everywhere at
 * once with a broadcast; request tokens and misses always read fresh, so "authorize on A, exchange
 * on B" works at once even without a broadcast.
 */
class CachedOAuthTokensTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** The shared store, counting reads. */
  static final class Counting implements OAuthTokenStore {
    final InMemoryOAuthTokenStore store = new InMemoryOAuthTokenStore();
    final AtomicInteger finds = new AtomicInteger();

    @Override
    public boolean save(OAuthToken token) {
      return store.save(token);
    }

    @Override
    public @Nullable OAuthToken find(String token) {
      finds.incrementAndGet();
      return store.find(token);
    }

    @Override
    public boolean compareAndSet(OAuthToken expected, OAuthToken updated) {
      return store.compareAndSet(expected, updated);
    }

    @Override
    public List<OAuthToken> accessTokens(String user) {
      return store.accessTokens(user);
    }

    @Override
    public boolean revoke(String token, String user) {
      return store.revoke(token, user);
    }

    @Override
    public int purgeExpired(Instant now) {
      return store.purgeExpired(now);
    }
  }

  static OAuthTokenStore node(Counting shared, Invalidations channel) {
    return ReadCache.builder().ttl(Duration.ofMinutes(10)).negativeTtl(Duration.ofMinutes(1)).invalidations(channel)
        .build().oauthTokens(shared);
  }

  @Test
  void anAccessTokenIsReadOnceAndARevocationOnOneNodeIsSeenOnTheOtherAtOnce() {
    Counting shared = new Counting();
    Invalidations channel = Invalidations.local();
    OAuthTokenStore nodeA = node(shared, channel);
    OAuthTokenStore nodeB = node(shared, channel);
    nodeA.save(OAuthToken.access("at1", ProtectedSecret.plain("s"), "ck", "jane", null, T0, null));
    assertThat(nodeB.find("at1").state()).isEqualTo(TokenState.AUTHORIZED);
    assertThat(nodeB.find("at1").state()).isEqualTo(TokenState.AUTHORIZED);
    assertThat(shared.finds).as("the second read from the cache").hasValue(1);
    assertThat(nodeA.revoke("at1", "jane")).isTrue();
    assertThat(nodeB.find("at1").state()).isEqualTo(TokenState.REVOKED);
  }

  @Test
  void requestTokensAndMissesAreAlwaysReadFreshSoAuthorizeOnAExchangesOnBWithoutABroadcast() {
    Counting shared = new Counting();
    OAuthTokenStore nodeA = node(shared, Invalidations.local());
    OAuthTokenStore nodeB = node(shared, Invalidations.local());
    assertThat(nodeB.find("rt1")).as("not there yet").isNull();
    OAuthToken pending = OAuthToken.request("rt1", ProtectedSecret.plain("s"), "ck", "oob", T0, T0.plusSeconds(600));
    nodeA.save(pending);
    assertThat(nodeB.find("rt1").state()).as("a miss is not kept").isEqualTo(TokenState.PENDING);
    assertThat(nodeA.compareAndSet(pending, pending.authorize("jane", null, "v1"))).isTrue();
    OAuthToken onB = nodeB.find("rt1");
    assertThat(onB.state()).as("a request token is not kept").isEqualTo(TokenState.AUTHORIZED);
    assertThat(nodeB.compareAndSet(onB, onB.withState(TokenState.USED))).isTrue();
    assertThat(nodeA.find("rt1").state()).isEqualTo(TokenState.USED);
    assertThat(shared.finds).hasValue(4);
  }
}
