package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.testing.MutableClock;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The in-memory limiter against its contract kit, plus what only a fixed table can promise. */
class InMemoryAttemptLimiterContractTest extends AttemptLimiterContract {
  @Override
  protected AttemptLimiter newLimiter(MutableClock clock) {
    return new InMemoryAttemptLimiter(clock, 1 << 16);
  }

  /** Memory cannot fail to be reached; this stands for a store behind a broken network. */
  @Override
  protected AttemptLimiter unreachableLimiter(MutableClock clock) {
    return alwaysUnreachable();
  }

  @Test
  void aFloodFarLargerThanTheTableKeepsEveryLiveCounterAndTheSameMemory() {
    InMemoryAttemptLimiter small = new InMemoryAttemptLimiter(clock, 64);
    AttemptKey victim = new AttemptKey("Basic", "victim", "192.0.2.9");
    small.recordFailure(victim, WINDOWS);
    small.recordFailure(victim, WINDOWS);
    for (int i = 0; i < 100_000; i++) {
      AttemptKey k = new AttemptKey("Basic", "id" + i, "10.0." + (i >> 8 & 255) + "." + (i & 255));
      small.recordFailure(k, WINDOWS);
      small.reset(k, EnumSet.allOf(AttemptScope.class));
    }
    assertThat(small.cellsPerRow()).isEqualTo(64);
    // 64 cells per row against 100,000 keys: every cell is shared, so it over-counts, never under
    assertThat(small.counts(victim).pair().failures()).isGreaterThanOrEqualTo(2);
    clock.advance(Duration.ofSeconds(91));
    assertThat(small.counts(victim).clean()).as("the flood expires like everything else").isTrue();
  }

  @Test
  void countsSaturateInsteadOfWrapping() {
    InMemoryAttemptLimiter limiter = new InMemoryAttemptLimiter(clock, 64);
    AttemptKey k = new AttemptKey("Basic", "x", "192.0.2.1");
    for (int i = 0; i < 5_000; i++) {
      limiter.recordFailure(k, WINDOWS);
    }
    assertThat(limiter.counts(k).pair().failures()).isEqualTo(4_095);
  }

  @Test
  void refusesATableSizeThatIsNotAPowerOfTwo() {
    assertThatThrownBy(() -> new InMemoryAttemptLimiter(clock, 1000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InMemoryAttemptLimiter(clock, 32)).isInstanceOf(IllegalArgumentException.class);
  }
}
