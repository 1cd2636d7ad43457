package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReplayGuard} must do for {@link ReplayGuard#firstCount} (Digest nonce counts):
 * each count passes once per key, out-of-order counts inside the window pass, racing first uses of
 * a key have one winner. Stores that keep a high-water mark also refuse counts below the window;
 * {@link #refusesCountsBelowTheWindow()} says whether this one does.
 */
public abstract class NcWindowContract {
  protected final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  /** A new, empty guard reading {@link #clock}, with room for at least 10,000 keys. */
  protected abstract ReplayGuard newGuard(MutableClock clock);

  /** Whether this guard keeps a window (true) or only the {@link ReplayGuard} default (false). */
  protected boolean refusesCountsBelowTheWindow() {
    return true;
  }

  @Test
  void eachCountPassesOnceAndOutOfOrderCountsInsideTheWindowPass() {
    ReplayGuard guard = newGuard(clock);
    Duration ttl = Duration.ofMinutes(5);
    assertThat(guard.firstCount("n", 1, 4, ttl)).isTrue();
    assertThat(guard.firstCount("n", 3, 4, ttl)).isTrue();
    assertThat(guard.firstCount("n", 2, 4, ttl)).isTrue();
    assertThat(guard.firstCount("n", 3, 4, ttl)).isFalse();
    assertThat(guard.firstCount("n", 1, 4, ttl)).isFalse();
    assertThat(guard.firstCount("other", 1, 4, ttl)).as("keys have their own windows").isTrue();
    assertThat(guard.firstCount("n", 10, 4, ttl)).isTrue();
    assertThat(guard.firstCount("n", 5, 4, ttl)).isEqualTo(!refusesCountsBelowTheWindow());
  }

  @Test
  void refusesNonPositiveCountsAndWindows() {
    ReplayGuard guard = newGuard(clock);
    assertThatThrownBy(() -> guard.firstCount("n", 0, 4, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> guard.firstCount("n", 1, 0, Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void racingThreadsWithOneCountHaveOneWinnerAndDistinctCountsAllPass() throws Exception {
    ReplayGuard guard = newGuard(clock);
    int threads = 8;
    for (int round = 0; round < 200; round++) {
      String key = "nonce-" + round;
      // the first use of the key races too: the window is created once
      AtomicInteger distinct = new AtomicInteger();
      int winners = Races.winners(threads, t -> {
        boolean won = guard.firstCount(key, 1, 64, Duration.ofMinutes(5));
        if (guard.firstCount(key, 2 + t, 64, Duration.ofMinutes(5))) {
          distinct.incrementAndGet();
        }
        return won;
      });
      assertThat(winners).as("winners of count 1 for %s", key).isEqualTo(1);
      assertThat(distinct.get()).as("distinct counts for %s", key).isEqualTo(threads);
    }
  }
}
