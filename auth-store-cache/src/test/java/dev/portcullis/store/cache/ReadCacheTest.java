package dev.portcullis.store.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The cache's promises with two "nodes" (two caches over one shared store, joined by one channel):
 * hits spare the store, revocations drop entries everywhere at once, the TTL bounds staleness when
 * no message comes, and "not found" never hides a token created elsewhere.
 */
class ReadCacheTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final MutableClock clock = MutableClock.at(T0);

  /** A store that counts its lookups and can be switched off. */
  static final class CountingTokens implements ApiTokenStore {
    final InMemoryApiTokenStore store = new InMemoryApiTokenStore();
    final AtomicInteger finds = new AtomicInteger();
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public Saved save(ApiTokenRecord token, int maxLive, Instant now) {
      return store.save(token, maxLive, now);
    }

    @Override
    public Optional<ApiTokenRecord> find(String id) {
      finds.incrementAndGet();
      if (down.get()) {
        throw new StoreUnavailableException("down");
      }
      return store.find(id);
    }

    @Override
    public List<ApiTokenRecord> findByAccount(String account) {
      return store.findByAccount(account);
    }

    @Override
    public boolean revoke(String account, String id) {
      return store.revoke(account, id);
    }

    @Override
    public void touch(String id, Instant usedAt) {
      store.touch(id, usedAt);
    }
  }

  static ApiTokenRecord token(String id) {
    return new ApiTokenRecord(id, "acct", "ci", List.of(new Permission("items", Operation.READ, Set.of("k"))),
        new byte[32], T0, null, null, false);
  }

  ReadCache cache(Invalidations channel, Duration ttl, Duration negativeTtl) {
    return ReadCache.builder().clock(clock).ttl(ttl).negativeTtl(negativeTtl).invalidations(channel).build();
  }

  @Test
  void aHitDoesNotAskTheStoreUntilTheTtlEnds() {
    CountingTokens shared = new CountingTokens();
    ApiTokenStore tokens = cache(Invalidations.local(), Duration.ofSeconds(1), Duration.ZERO).apiTokens(shared);
    tokens.save(token("t1"));
    assertThat(tokens.find("t1")).isPresent();
    assertThat(tokens.find("t1")).isPresent();
    assertThat(shared.finds).hasValue(1);
    clock.advance(Duration.ofMillis(1001));
    assertThat(tokens.find("t1")).isPresent();
    assertThat(shared.finds).as("expired after the ttl").hasValue(2);
  }

  @Test
  void aRevocationOnOneNodeDropsTheOtherNodesEntryAtOnce() {
    CountingTokens shared = new CountingTokens();
    Invalidations channel = Invalidations.local();
    ApiTokenStore nodeA = cache(channel, Duration.ofMinutes(10), Duration.ZERO).apiTokens(shared);
    ApiTokenStore nodeB = cache(channel, Duration.ofMinutes(10), Duration.ZERO).apiTokens(shared);
    nodeA.save(token("t1"));
    assertThat(nodeB.find("t1")).get().extracting(ApiTokenRecord::revoked).isEqualTo(false);
    assertThat(nodeA.revoke("acct", "t1")).isTrue();
    assertThat(nodeB.find("t1")).get().extracting(ApiTokenRecord::revoked).isEqualTo(true);
  }

  @Test
  void withoutABroadcastARevocationIsSeenWithinTheTtl() {
    CountingTokens shared = new CountingTokens();
    ApiTokenStore nodeA = cache(Invalidations.local(), Duration.ofSeconds(1), Duration.ZERO).apiTokens(shared);
    ApiTokenStore nodeB = cache(Invalidations.local(), Duration.ofSeconds(1), Duration.ZERO).apiTokens(shared);
    nodeA.save(token("t1"));
    assertThat(nodeB.find("t1").orElseThrow().revoked()).isFalse();
    nodeA.revoke("acct", "t1");
    assertThat(nodeB.find("t1").orElseThrow().revoked()).as("stale within the ttl: no channel").isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(nodeB.find("t1").orElseThrow().revoked()).isTrue();
  }

  @Test
  void aTokenCreatedElsewhereWorksAtOnceAfterAMiss() {
    CountingTokens shared = new CountingTokens();
    // node B has no channel at all: only "not found is not cached" can save it
    ApiTokenStore nodeB = cache(Invalidations.local(), Duration.ofMinutes(10), Duration.ZERO).apiTokens(shared);
    assertThat(nodeB.find("t1")).isEmpty();
    shared.save(token("t1"));
    assertThat(nodeB.find("t1")).isPresent();
  }

  @Test
  void aCachedMissIsDroppedByTheCreationsBroadcast() {
    CountingTokens shared = new CountingTokens();
    Invalidations channel = Invalidations.local();
    ApiTokenStore nodeA = cache(channel, Duration.ofMinutes(10), Duration.ofSeconds(1)).apiTokens(shared);
    ApiTokenStore nodeB = cache(channel, Duration.ofMinutes(10), Duration.ofSeconds(1)).apiTokens(shared);
    assertThat(nodeB.find("t1")).isEmpty();
    assertThat(nodeB.find("t1")).isEmpty();
    assertThat(shared.finds).as("the miss was cached").hasValue(1);
    nodeA.save(token("t1"));
    assertThat(nodeB.find("t1")).isPresent();
  }

  @Test
  void anOutageIsNeverCached() {
    CountingTokens shared = new CountingTokens();
    ApiTokenStore tokens = cache(Invalidations.local(), Duration.ofMinutes(10), Duration.ofSeconds(1)).apiTokens(shared);
    shared.save(token("t1"));
    shared.down.set(true);
    assertThatThrownBy(() -> tokens.find("t1")).isInstanceOf(StoreUnavailableException.class);
    shared.down.set(false);
    assertThat(tokens.find("t1")).isPresent();
  }

  @Test
  void touchKeepsTheCachedLastUseCurrentAndNeverMovesItBack() {
    CountingTokens shared = new CountingTokens();
    ApiTokenStore tokens = cache(Invalidations.local(), Duration.ofMinutes(10), Duration.ZERO).apiTokens(shared);
    tokens.save(token("t1"));
    tokens.find("t1");
    tokens.touch("t1", T0.plusSeconds(60));
    tokens.touch("t1", T0.plusSeconds(30));
    assertThat(tokens.find("t1").orElseThrow().lastUsedAt()).isEqualTo(T0.plusSeconds(60));
    assertThat(shared.finds).hasValue(1);
  }

  @Test
  void aRemovedConsumerIsGoneOnEveryNode() {
    ConsumerStore shared = new InMemoryConsumerStore();
    Invalidations channel = Invalidations.local();
    ConsumerStore nodeA = cache(channel, Duration.ofMinutes(10), Duration.ZERO).consumers(shared);
    ConsumerStore nodeB = cache(channel, Duration.ofMinutes(10), Duration.ZERO).consumers(shared);
    nodeA.save(Consumer.builder("ck", ProtectedSecret.plain("cs")).build());
    assertThat(nodeB.find("ck")).isNotNull();
    assertThat(nodeA.remove("ck")).isTrue();
    assertThat(nodeB.find("ck")).isNull();
  }

  @Test
  void ha1IsHandedOutAsAFreshCopyAndDroppedByAUserInvalidation() {
    InMemoryDigestCredentialStore shared = InMemoryDigestCredentialStore.builder().realm("r")
        .user("jane", "pw".toCharArray()).build();
    Invalidations channel = Invalidations.local();
    DigestCredentialStore cached = cache(channel, Duration.ofMinutes(10), Duration.ZERO).digestCredentials(shared);
    byte[] first = cached.ha1("jane", "r", DigestAlgorithm.MD5);
    assertThat(first).isNotNull();
    byte[] expected = first.clone();
    java.util.Arrays.fill(first, (byte) 0); // the scheme zeroes what it got
    assertThat(cached.ha1("jane", "r", DigestAlgorithm.MD5)).isEqualTo(expected);
    channel.publish(new Invalidation(Invalidation.Kind.DIGEST_USER, "jane"));
    assertThat(cached.ha1("nobody", "r", DigestAlgorithm.MD5)).isNull();
    assertThat(cached.ha1("jane", "r", DigestAlgorithm.MD5)).isEqualTo(expected);
  }

  @Test
  void theSizeIsBounded() {
    CountingTokens shared = new CountingTokens();
    CachingApiTokenStore tokens = (CachingApiTokenStore) ReadCache.builder().clock(clock).maximumSize(10)
        .build().apiTokens(shared);
    for (int i = 0; i < 100; i++) {
      shared.save(token("t" + i));
      tokens.find("t" + i);
    }
    assertThat(tokens.cachedEntries()).isLessThanOrEqualTo(10);
  }

  @Test
  void builderRefusesASettingGivenTwiceAndANegativeTtlAboveTheTtl() {
    assertThatThrownBy(() -> ReadCache.builder().ttl(Duration.ofSeconds(1)).ttl(Duration.ofSeconds(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ReadCache.builder().invalidations(Invalidations.local()).invalidations(Invalidations.local()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ReadCache.builder().ttl(Duration.ofSeconds(1)).negativeTtl(Duration.ofSeconds(2)).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidationMessagesRoundTripAndNonsenseIsRefused() {
    Invalidation m = new Invalidation(Invalidation.Kind.CONSUMER, "key:with:colons");
    assertThat(Invalidation.decode(m.encode())).isEqualTo(m);
    assertThat(Invalidation.decode(Invalidation.all().encode())).isEqualTo(Invalidation.all());
    assertThatThrownBy(() -> Invalidation.decode("x:1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Invalidation.decode("")).isInstanceOf(IllegalArgumentException.class);
  }
}
