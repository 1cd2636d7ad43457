package dev.portcullis.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.store.cache.Invalidation;
import dev.portcullis.testing.servers.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The builder's rules, a Redis that is not there, and what the broadcast does with a stranger's message. */
class RedisStoresTest {
  private final RedisFixture redis = new RedisFixture();

  @AfterEach
  void close() {
    redis.close();
  }

  @Test
  void builderRefusesASettingGivenTwiceAndNonPositiveTimeouts() {
    assertThatThrownBy(() -> RedisStores.builder().uri("redis://a").uri("redis://b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RedisStores.builder().commandTimeout(Duration.ofMillis(1)).commandTimeout(Duration.ofMillis(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RedisStores.builder().keyPrefix("a:").keyPrefix("b:"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RedisStores.builder().commandTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRedisThatIsNotThereIsAStoreUnavailableAtBuildWithoutThePassword() {
    RedisServer gone = RedisServer.startNew();
    String uri = "redis://:s3cr3t-pw@127.0.0.1:" + gone.port();
    gone.stopAndDelete();
    assertThatThrownBy(() -> RedisStores.builder().uri(uri).build())
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageNotContaining("s3cr3t-pw");
  }

  @Test
  void aMessageThatIsNotAnInvalidationIsIgnoredAndTheNextOneStillArrives() throws Exception {
    String prefix = RedisFixture.newPrefix();
    RedisStores node = redis.stores(Clock.systemUTC(), prefix);
    List<Invalidation> heard = new CopyOnWriteArrayList<>();
    node.invalidations().subscribe(heard::add);
    RedisClient stranger = RedisClient.create(RedisFixture.server().uri());
    try (StatefulRedisConnection<String, String> c = stranger.connect()) {
      c.sync().publish(prefix + "revoked", "not an invalidation");
    } finally {
      stranger.shutdown();
    }
    node.invalidations().publish(new Invalidation(Invalidation.Kind.API_TOKEN, "tok"));
    long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    Invalidation tok = new Invalidation(Invalidation.Kind.API_TOKEN, "tok");
    while (!heard.contains(tok) && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    // the subscription's own "start afresh" (ALL) may arrive too, after the listener was added
    assertThat(heard).filteredOn(m -> m.kind() != Invalidation.Kind.ALL).containsExactly(tok);
  }
}
