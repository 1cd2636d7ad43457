package dev.portcullis.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.memory.InMemoryReplayGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StoreMaintenanceTest {

  @Test
  void runsRegisteredStoresOnItsOwnDaemonThreadWithTheirClock() throws Exception {
    Instant fixed = Instant.parse("2026-01-01T00:00:00Z");
    CountDownLatch ran = new CountDownLatch(2);
    AtomicReference<Thread> thread = new AtomicReference<>();
    AtomicReference<Instant> seen = new AtomicReference<>();
    Maintainable store = now -> {
      thread.set(Thread.currentThread());
      seen.set(now);
      ran.countDown();
      return 0;
    };
    try (StoreMaintenance m = StoreMaintenance.every(Duration.ofMillis(10))) {
      m.register(store, Clock.fixed(fixed, java.time.ZoneOffset.UTC));
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(thread.get()).isNotSameAs(Thread.currentThread());
    assertThat(thread.get().isDaemon()).isTrue();
    assertThat(seen.get()).isEqualTo(fixed);
  }

  @Test
  void aFailingStoreDoesNotStopTheOthers() {
    try (StoreMaintenance m = StoreMaintenance.every(Duration.ofHours(1))) {
      m.register(now -> {
        throw new StoreUnavailableException("down");
      }, Clock.systemUTC());
      m.register(now -> 3, Clock.systemUTC());
      assertThat(m.runOnce()).isEqualTo(3);
    }
  }

  @Test
  void theReplayGuardIsPurgedOffTheRequestPath() {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
    try (StoreMaintenance m = StoreMaintenance.every(Duration.ofHours(1))) {
      InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 100, m);
      guard.firstUse("k", Duration.ZERO);
      assertThat(guard.size()).isEqualTo(1);
      assertThat(m.runOnce()).isEqualTo(1);
      assertThat(guard.size()).isZero();
    }
  }
}
