package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
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
  void racingAddsOfOneKeyHaveOneWinner() throws Exception {
    ConsumerStore store = newStore();
    for (int round = 0; round < 100; round++) {
      String key = "k" + round;
      int wins = Races.winners(8, t -> store.addIfAbsent(consumer(key, "t" + t)));
      assertThat(wins).as("winners for %s", key).isEqualTo(1);
    }
  }
}
