package dev.portcullis.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.store.cache.ReadCache;
import dev.portcullis.testing.DigestCrafter;
import dev.portcullis.testing.DigestFixture;
import dev.portcullis.testing.servers.RedisServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM, each with its own Lettuce client, on one Redis: what one has seen, the
 * other refuses; a request token approved on one is exchanged once between both; what one revokes,
 * the other's cache drops at once (far inside its TTL).
 */
class TwoNodesTest {
  private final RedisFixture redis = new RedisFixture();

  @Test
  void aNonceUsedOnOneNodeIsRefusedOnTheOther() {
    String prefix = RedisFixture.newPrefix();
    ReplayGuard a = redis.stores(Clock.systemUTC(), prefix).replayGuard();
    ReplayGuard b = redis.stores(Clock.systemUTC(), prefix).replayGuard();
    assertThat(a.firstUse("ck:1767225600:n0nce", Duration.ofMinutes(5))).isTrue();
    assertThat(b.firstUse("ck:1767225600:n0nce", Duration.ofMinutes(5))).isFalse();
    assertThat(b.firstCount("digest-nonce", 1, 64, Duration.ofMinutes(5))).isTrue();
    assertThat(a.firstCount("digest-nonce", 1, 64, Duration.ofMinutes(5))).isFalse();
    assertThat(a.firstCount("digest-nonce", 2, 64, Duration.ofMinutes(5))).isTrue();
    redis.close();
  }

  @Test
  void aDigestNonceFromNodeAVerifiesOnNodeBAndAReplayedCountIsRefusedThere() throws Exception {
    String prefix = RedisFixture.newPrefix();
    try (DigestNode a = new DigestNode(RedisServer.shared().uri(), prefix);
        DigestNode b = new DigestNode(RedisServer.shared().uri(), prefix)) {
      HttpResponse<String> challenge = DigestFixture.raw("GET", a.uri(), new byte[0]);
      assertThat(challenge.statusCode()).isEqualTo(401);
      String nonce = DigestCrafter.challenge(challenge.headers().allValues("WWW-Authenticate"), "SHA-256").get("nonce");
      String first = DigestCrafter.authorization("GET", DigestNode.PATH, DigestFixture.USER, DigestFixture.PASSWORD,
          DigestFixture.REALM, "SHA-256", nonce, "00000001", "auth", new byte[0]);
      assertThat(DigestFixture.raw("GET", a.uri(), new byte[0], "Authorization", first).statusCode()).isEqualTo(200);

      HttpResponse<String> replay = DigestFixture.raw("GET", b.uri(), new byte[0], "Authorization", first);
      assertThat(replay.statusCode()).as("the same request replayed to node B").isEqualTo(401);

      String second = DigestCrafter.authorization("GET", DigestNode.PATH, DigestFixture.USER, DigestFixture.PASSWORD,
          DigestFixture.REALM, "SHA-256", nonce, "00000002", "auth", new byte[0]);
      assertThat(DigestFixture.raw("GET", b.uri(), new byte[0], "Authorization", second).statusCode())
          .as("node A's nonce with a fresh count on node B").isEqualTo(200);
      assertThat(DigestFixture.raw("GET", a.uri(), new byte[0], "Authorization", second).statusCode())
          .as("and that count replayed back to A").isEqualTo(401);
    }
  }

  @Test
  void oneRequestTokenExchangedOnTwoNodesAtOnceIsSpentExactlyOnce() throws Exception {
    String prefix = RedisFixture.newPrefix();
    OAuthTokenStore a = redis.stores(Clock.systemUTC(), prefix).requestTokens(new InMemoryOAuthTokenStore(), SecretProtector.none());
    OAuthTokenStore b = redis.stores(Clock.systemUTC(), prefix).requestTokens(new InMemoryOAuthTokenStore(), SecretProtector.none());
    Instant now = Instant.now();
    for (int round = 0; round < 50; round++) {
      OAuthToken issued = OAuthToken.request("rt" + round, ProtectedSecret.plain("ts"), "ck", "oob", now, now.plusSeconds(600));
      assertThat(a.save(issued)).isTrue();
      assertThat(b.save(issued)).as("the value is taken fleet-wide").isFalse();
      OAuthToken approved = issued.authorize("jane", null, "verifier");
      assertThat(b.compareAndSet(b.find(issued.token()), approved)).as("approved on B").isTrue();
      OAuthToken seenByA = a.find(issued.token());
      assertThat(seenByA.verifierMatches("verifier")).as("A sees B's approval").isTrue();
      assertThat(seenByA.secret().revealString()).isEqualTo("ts");
      OAuthToken seenByB = b.find(issued.token());
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        var onA = pool.submit(() -> { go.await(); return a.compareAndSet(seenByA, seenByA.withState(TokenState.USED)); });
        var onB = pool.submit(() -> { go.await(); return b.compareAndSet(seenByB, seenByB.withState(TokenState.USED)); });
        go.countDown();
        assertThat(List.of(onA.get(), onB.get())).as("round %d", round).containsExactlyInAnyOrder(true, false);
      } finally {
        pool.shutdownNow();
      }
    }
    redis.close();
  }

  @Test
  void aRevocationOnOneNodeEvictsTheOtherNodesCacheAtOnce() throws Exception {
    String prefix = RedisFixture.newPrefix();
    RedisStores nodeA = redis.stores(Clock.systemUTC(), prefix);
    RedisStores nodeB = redis.stores(Clock.systemUTC(), prefix);
    ApiTokenStore database = new InMemoryApiTokenStore(); // stands in for the shared JDBC store
    Duration ttl = Duration.ofMinutes(10); // so that only the broadcast can explain a fresh answer
    ApiTokenStore tokensA = ReadCache.builder().ttl(ttl).invalidations(nodeA.invalidations()).build().apiTokens(database);
    ApiTokenStore tokensB = ReadCache.builder().ttl(ttl).invalidations(nodeB.invalidations()).build().apiTokens(database);

    ApiTokenRecord token = new ApiTokenRecord("tok1", "acct", "ci", List.of(), new byte[32],
        Instant.parse("2026-01-01T00:00:00Z"), null, null, false);
    assertThat(tokensA.save(token)).isTrue();
    assertThat(tokensB.find("tok1")).as("created on A, works on B at once").isPresent();
    assertThat(tokensB.find("tok1").orElseThrow().revoked()).isFalse();

    assertThat(tokensA.revoke("acct", "tok1")).isTrue();
    assertThat(within(Duration.ofSeconds(1), () -> tokensB.find("tok1").orElseThrow().revoked()))
        .as("B refuses it within 1 s, its cache TTL being 10 min").isTrue();
    redis.close();
  }

  @Test
  void afterARedisRestartTheBroadcastWorksAgainAndCachesStartAfresh() throws Exception {
    RedisServer own = RedisServer.startNew();
    try {
      String prefix = RedisFixture.newPrefix();
      RedisStores nodeA = redis.adopt(RedisStores.builder().uri(own.uri()).keyPrefix(prefix).commandTimeout(Duration.ofSeconds(3)).build());
      RedisStores nodeB = redis.adopt(RedisStores.builder().uri(own.uri()).keyPrefix(prefix).commandTimeout(Duration.ofSeconds(3)).build());
      ApiTokenStore database = new InMemoryApiTokenStore();
      Duration ttl = Duration.ofMinutes(10);
      ApiTokenStore tokensA = ReadCache.builder().ttl(ttl).invalidations(nodeA.invalidations()).build().apiTokens(database);
      ApiTokenStore tokensB = ReadCache.builder().ttl(ttl).invalidations(nodeB.invalidations()).build().apiTokens(database);
      for (String id : new String[] {"t1", "t2"}) {
        tokensA.save(new ApiTokenRecord(id, "acct", "ci", List.of(), new byte[32], Instant.EPOCH, null, null, false));
        assertThat(tokensB.find(id).orElseThrow().revoked()).isFalse();
      }

      own.kill();
      // revoked while the channel is down: B cannot hear of it, A's write still happens
      assertThat(tokensA.revoke("acct", "t1")).isTrue();
      own.restart();
      assertThat(within(Duration.ofSeconds(5), () -> tokensB.find("t1").orElseThrow().revoked()))
          .as("B's resubscription drops everything it cached while deaf").isTrue();
      assertThat(within(Duration.ofSeconds(5), () -> {
        tokensA.revoke("acct", "t2");
        return tokensB.find("t2").orElseThrow().revoked();
      })).as("and hears new revocations again").isTrue();
    } finally {
      redis.close();
      own.stopAndDelete();
    }
  }

  private static boolean within(Duration d, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + d.toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
