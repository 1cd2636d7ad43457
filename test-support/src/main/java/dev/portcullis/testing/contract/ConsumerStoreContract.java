package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link ConsumerStore} must do: extend it and implement {@link #newStore}. */
public abstract class ConsumerStoreContract {

  /** A new, empty store. */
  protected abstract ConsumerStore newStore();

  private static Consumer consumer(String key, String name) {
    return Consumer.builder(key, ProtectedSecret.plain("s")).displayName(name).build();
  }

  @Test
  void findSaveReplaceRemove() {
    ConsumerStore store = newStore();
    store.save(consumer("k", "first"));
    assertThat(store.find("k").displayName()).isEqualTo("first");
    store.save(consumer("k", "second"));
    assertThat(store.find("k").displayName()).as("save adds or replaces").isEqualTo("second");
    assertThat(store.find("x")).isNull();
    assertThat(store.remove("k")).isTrue();
    assertThat(store.remove("k")).isFalse();
    assertThat(store.find("k")).isNull();
  }

  @Test
  void addIfAbsentNeverReplaces() {
    ConsumerStore store = newStore();
    assertThat(store.addIfAbsent(consumer("k", "first"))).isTrue();
    assertThat(store.addIfAbsent(consumer("k", "second"))).isFalse();
    assertThat(store.find("k").displayName()).isEqualTo("first");
  }

  @Test
  void purgeForgetsExpiredConsumersOnlyAndFindStillSeesThemUntilThen() {
    ConsumerStore store = newStore();
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    store.save(consumer("registered", "r"));
    Consumer minted = Consumer.builder("minted", ProtectedSecret.plain("s")).expiresAt(now.plusSeconds(600)).build();
    assertThat(store.addIfAbsent(minted)).isTrue();
    assertThat(store.find("minted").expiresAt()).as("the expiry is kept").isEqualTo(now.plusSeconds(600));

    assertThat(store.purgeExpired(now.plusSeconds(599))).isZero();
    assertThat(store.find("minted")).isNotNull();
    // expired: still found (the verifier refuses it), until maintenance purges it
    assertThat(store.find("minted").isExpired(now.plusSeconds(600))).isTrue();
    assertThat(store.purgeExpired(now.plusSeconds(600))).isEqualTo(1);
    assertThat(store.find("minted")).isNull();
    assertThat(store.find("registered")).as("no expiry, never purged").isNotNull();
    assertThat(store.purgeExpired(now.plus(java.time.Duration.ofDays(3650)))).isZero();
  }

  @Test
  void saveReplacesTheExpiryToo() {
    ConsumerStore store = newStore();
    Instant now = Instant.parse("2026-03-01T12:00:00Z");
    Consumer minted = Consumer.builder("minted", ProtectedSecret.plain("s")).expiresAt(now.plusSeconds(60)).build();
    store.addIfAbsent(minted);
    store.save(minted.withExpiry(null));
    assertThat(store.purgeExpired(now.plusSeconds(3600))).isZero();
    assertThat(store.find("minted").expiresAt()).isNull();
  }

  @Test
  void racingAddsOfOneKeyHaveOneWinner() throws Exception {
    ConsumerStore store = newStore();
    for (int round = 0; round < 100; round++) {
      String key = "k" + round;
      int wins = Races.winners(8, t -> store.addIfAbsent(consumer(key, "t" + t)));
      assertThat(wins).as("winners for %s", key).isEqualTo(1);
    }
  }
}
