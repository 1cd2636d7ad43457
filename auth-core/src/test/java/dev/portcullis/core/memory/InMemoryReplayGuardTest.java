package dev.portcullis.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryReplayGuardTest {

  /** A clock the test moves by hand (auth-core cannot depend on test-support). */
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

  @Test
  void firstUseOnceThenReplay() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 100);
    assertThat(guard.firstUse("c1:nonce-a", Duration.ofMinutes(5))).isTrue();
    assertThat(guard.firstUse("c1:nonce-a", Duration.ofMinutes(5))).isFalse();
    assertThat(guard.firstUse("c1:nonce-b", Duration.ofMinutes(5))).isTrue();
    assertThat(guard.size()).isEqualTo(2);
  }

  @Test
  void keyIsUsableAgainOnlyAfterItsTtl() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 100);
    assertThat(guard.firstUse("k", Duration.ofMinutes(5))).isTrue();
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    assertThat(guard.firstUse("k", Duration.ofMinutes(5))).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(guard.firstUse("k", Duration.ofMinutes(5))).isTrue();
    assertThat(guard.firstUse("k", Duration.ofMinutes(5))).isFalse();
  }

  @Test
  void expiredKeysAreSweptOut() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 100, null);
    for (int i = 0; i < 10; i++) {
      guard.firstUse("k" + i, Duration.ofSeconds(30));
    }
    assertThat(guard.size()).isEqualTo(10);
    clock.advance(Duration.ofMinutes(1));
    guard.firstUse("fresh", Duration.ofSeconds(30));
    assertThat(guard.size()).as("no sweep on the request path").isEqualTo(11);
    assertThat(guard.purgeExpired(clock.instant())).isEqualTo(10);
    assertThat(guard.size()).isEqualTo(1);
  }

  @Test
  void whenFullFailsClosedInsteadOfForgettingLiveOnesOrAnsweringReplay() {
    InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 3, null); // this test runs the maintenance
    assertThat(guard.firstUse("a", Duration.ofMinutes(5))).isTrue();
    assertThat(guard.firstUse("b", Duration.ofMinutes(5))).isTrue();
    assertThat(guard.firstUse("c", Duration.ofMinutes(5))).isTrue();
    assertThatThrownBy(() -> guard.firstUse("d", Duration.ofMinutes(5)))
        .isInstanceOf(dev.portcullis.core.spi.StoreUnavailableException.class);
    assertThat(guard.firstUse("a", Duration.ofMinutes(5))).isFalse();
    assertThat(guard.size()).isEqualTo(3);
    clock.advance(Duration.ofMinutes(6));
    assertThatThrownBy(() -> guard.firstUse("d", Duration.ofMinutes(5)))
        .as("expired keys stay until maintenance runs")
        .isInstanceOf(dev.portcullis.core.spi.StoreUnavailableException.class);
    assertThat(guard.purgeExpired(clock.instant())).isEqualTo(3);
    assertThat(guard.firstUse("d", Duration.ofMinutes(5))).isTrue();
  }

  @Test
  void rejectsNonPositiveBound() {
    assertThatThrownBy(() -> new InMemoryReplayGuard(clock, 0)).isInstanceOf(IllegalArgumentException.class);
  }


}
