package dev.portcullis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptCounts.Counter;
import dev.portcullis.core.spi.AttemptScope;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy's arithmetic on counters, with no limiter involved. */
class AttemptPolicyTest {
  private static final long NOW = 1_800_000_000_000L;
  private final AttemptPolicy policy = AttemptPolicy.defaults();

  /** A counter whose latest failure was {@code agoMillis} before NOW under the scope's window. */
  private Counter counter(AttemptScope scope, int failures, long agoMillis) {
    return new Counter(failures, NOW - agoMillis + policy.limit(scope).window().toMillis());
  }

  private AttemptCounts counts(Counter pair, Counter identifier, Counter address) {
    return new AttemptCounts(pair, identifier, address);
  }

  @Test
  void belowEveryLimitGoesAhead() {
    assertThat(policy.retryAfterMillis(AttemptCounts.NONE, NOW)).isZero();
    AttemptCounts c = counts(counter(AttemptScope.PAIR, 4, 0), counter(AttemptScope.IDENTIFIER, 9, 0),
        counter(AttemptScope.ADDRESS, 19, 0));
    assertThat(policy.retryAfterMillis(c, NOW)).isZero();
  }

  @Test
  void thePairWaitsThirtySecondsThenDoublesUpToFifteenMinutes() {
    assertThat(policy.retryAfterMillis(counts(counter(AttemptScope.PAIR, 5, 0), Counter.NONE,
        counter(AttemptScope.ADDRESS, 5, 0)), NOW)).isEqualTo(30_000);
    assertThat(policy.retryAfterMillis(counts(counter(AttemptScope.PAIR, 5, 10_000), Counter.NONE,
        counter(AttemptScope.ADDRESS, 5, 10_000)), NOW)).isEqualTo(20_000);
    assertThat(policy.retryAfterMillis(counts(counter(AttemptScope.PAIR, 7, 0), Counter.NONE,
        counter(AttemptScope.ADDRESS, 7, 0)), NOW)).isEqualTo(120_000);
    assertThat(policy.retryAfterMillis(counts(counter(AttemptScope.PAIR, 4_000, 0), Counter.NONE,
        counter(AttemptScope.ADDRESS, 4_000, 0)), NOW)).as("capped, no overflow").isEqualTo(Duration.ofMinutes(15).toMillis());
  }

  @Test
  void theIdentifierNeverHoldsBackAnAddressWithACleanRecord() {
    Counter hot = counter(AttemptScope.IDENTIFIER, 500, 0);
    assertThat(policy.retryAfterMillis(counts(Counter.NONE, hot, Counter.NONE), NOW)).isZero();
    assertThat(policy.retryAfterMillis(counts(Counter.NONE, hot, counter(AttemptScope.ADDRESS, 1, 60_000)), NOW))
        .as("slowed, at most 30 s").isEqualTo(30_000);
    assertThat(policy.retryAfterMillis(counts(Counter.NONE, counter(AttemptScope.IDENTIFIER, 10, 0),
        counter(AttemptScope.ADDRESS, 1, 0)), NOW)).isEqualTo(1_000);
  }

  @Test
  void theAddressIsLimitedAcrossIdentifiers() {
    assertThat(policy.retryAfterMillis(counts(Counter.NONE, Counter.NONE, counter(AttemptScope.ADDRESS, 20, 0)), NOW))
        .isEqualTo(60_000);
  }

  @Test
  void aSuccessNeedsAResetOnlyWhenThePairHasFailures() {
    assertThat(policy.resetNeeded(AttemptCounts.NONE)).isFalse();
    assertThat(policy.resetNeeded(counts(Counter.NONE, counter(AttemptScope.IDENTIFIER, 3, 0),
        counter(AttemptScope.ADDRESS, 3, 0)))).isFalse();
    assertThat(policy.resetNeeded(counts(counter(AttemptScope.PAIR, 1, 0), Counter.NONE, Counter.NONE))).isTrue();
    assertThat(policy.resetOnSuccess()).containsExactly(AttemptScope.PAIR);
  }

  @Test
  void builderRefusesASettingTwiceAndBadLimits() {
    AttemptPolicy.Limit l = new AttemptPolicy.Limit(3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1));
    assertThatThrownBy(() -> AttemptPolicy.builder().pair(l).pair(l)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AttemptPolicy.builder().resetOnSuccess(Set.of()).resetOnSuccess(Set.of()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new AttemptPolicy.Limit(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AttemptPolicy.Limit(3, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30)))
        .as("a window shorter than the wait").isInstanceOf(IllegalArgumentException.class);
  }
}
