package dev.portcullis.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The nonce-count sliding window of {@link InMemoryReplayGuard#firstCount}. */
class InMemoryReplayGuardCountTest {

  private static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override public Instant instant() { return now; }
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
  }

  private final TestClock clock = new TestClock();

  /**
   * Random count sequences (small steps, jumps past the window, late arrivals, repeats) give the
   * same answers as the plain definition: a count passes once, unless it is at or below the highest
   * count seen minus the window. Fixed seed, so a failure reproduces.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 64, 256})
  void ringAgreesWithTheDefinition(int window) {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 100);
    Random random = new Random(window);
    Set<Long> seen = new HashSet<>();
    long highest = 0;
    for (int i = 0; i < 50_000; i++) {
      long count;
      switch (random.nextInt(5)) {
        case 0 -> count = highest + 1;
        case 1 -> count = highest + 1 + random.nextInt(2 * window + 2);
        case 2 -> count = Math.max(1, highest - random.nextInt(window + 2));
        case 3 -> count = Math.max(1, highest + 1 - random.nextInt(3));
        default -> count = highest + window - 1 + random.nextInt(3); // around the wrap of the ring
      }
      count = Math.max(1, count);
      boolean expected;
      if (count > highest) {
        highest = count;
        expected = seen.add(count);
      } else {
        expected = count > highest - window && seen.add(count);
      }
      assertThat(guard.firstCount("nonce", count, window, Duration.ofMinutes(5)))
          .as("count %d (step %d, window %d)", count, i, window).isEqualTo(expected);
    }
  }

  @Test
  void keysHaveTheirOwnWindows() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 100);
    assertThat(guard.firstCount("a", 1, 4, Duration.ofMinutes(5))).isTrue();
    assertThat(guard.firstCount("b", 1, 4, Duration.ofMinutes(5))).isTrue();
    assertThat(guard.firstCount("a", 1, 4, Duration.ofMinutes(5))).isFalse();
    assertThat(guard.size()).isEqualTo(2);
  }

  @Test
  void anExpiredWindowStartsAfreshAndIsSweptOut() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 100);
    assertThat(guard.firstCount("n", 5, 4, Duration.ofSeconds(10))).isTrue();
    clock.advance(Duration.ofSeconds(10).minusMillis(1));
    assertThat(guard.firstCount("n", 5, 4, Duration.ofSeconds(10))).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(guard.firstCount("n", 5, 4, Duration.ofSeconds(10))).isTrue();
    assertThat(guard.firstCount("n", 5, 4, Duration.ofSeconds(10))).isFalse();
    clock.advance(Duration.ofMinutes(1));
    assertThat(guard.firstCount("other", 1, 4, Duration.ofSeconds(10))).isTrue();
    assertThat(guard.purgeExpired(clock.instant())).isEqualTo(1);
    assertThat(guard.size()).isEqualTo(1);
  }

  @Test
  void whenFullANewKeyIsRefused() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 2);
    assertThat(guard.firstCount("a", 1, 4, Duration.ofMinutes(5))).isTrue();
    assertThat(guard.firstCount("b", 1, 4, Duration.ofMinutes(5))).isTrue();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> guard.firstCount("c", 1, 4, Duration.ofMinutes(5)))
        .isInstanceOf(dev.portcullis.core.spi.StoreUnavailableException.class);
    assertThat(guard.firstCount("a", 2, 4, Duration.ofMinutes(5))).isTrue();
  }


}
