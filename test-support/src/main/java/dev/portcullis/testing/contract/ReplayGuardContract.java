package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.spi.Maintainable;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReplayGuard} must do for {@link ReplayGuard#firstUse}: extend it, implement
 * {@link #newGuard} and run it with the store's own tests.
 */
public abstract class ReplayGuardContract {
  protected final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  /** A new, empty guard reading {@link #clock}, with room for at least 10,000 keys. */
  protected abstract ReplayGuard newGuard(MutableClock clock);

  @Test
  void firstUseOnceThenReplay() {
    ReplayGuard guard = newGuard(clock);
    assertThat(guard.firstUse("a", Duration.ofMinutes(5))).isTrue();
    assertThat(guard.firstUse("a", Duration.ofMinutes(5))).isFalse();
    assertThat(guard.firstUse("b", Duration.ofMinutes(5))).isTrue();
  }

  @Test
  void aKeyIsUsableAgainOnlyAfterItsTtl() {
    ReplayGuard guard = newGuard(clock);
    assertThat(guard.firstUse("k", Duration.ofSeconds(30))).isTrue();
    clock.advance(Duration.ofSeconds(29));
    assertThat(guard.firstUse("k", Duration.ofSeconds(30))).isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(guard.firstUse("k", Duration.ofSeconds(30))).isTrue();
  }

  @Test
  void purgeExpiredForgetsOnlyExpiredKeys() {
    ReplayGuard guard = newGuard(clock);
    guard.firstUse("old", Duration.ofSeconds(10));
    guard.firstUse("live", Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(1));
    if (guard instanceof Maintainable m) {
      m.purgeExpired(clock.instant());
    }
    assertThat(guard.firstUse("live", Duration.ofMinutes(10))).as("a purge must not forget a live key").isFalse();
    assertThat(guard.firstUse("old", Duration.ofSeconds(10))).isTrue();
  }

  @Test
  void exactlyOneOfManyRacingThreadsWins() throws Exception {
    ReplayGuard guard = newGuard(clock);
    for (int round = 0; round < 200; round++) {
      String key = "nonce-" + round;
      assertThat(Races.winners(8, () -> guard.firstUse(key, Duration.ofMinutes(5))))
          .as("winners for %s", key).isEqualTo(1);
    }
  }
}
