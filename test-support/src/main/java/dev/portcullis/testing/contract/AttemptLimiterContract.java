package dev.portcullis.testing.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AttemptLimiter} must do (its Javadoc's Contract): extend it, implement
 * {@link #newLimiter} and {@link #unreachableLimiter}, and run it with the store's own tests.
 */
public abstract class AttemptLimiterContract {
  protected final MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  /** Pair 30 s, identifier 60 s, address 90 s: distinct, so a store mixing them up fails. */
  protected static final AttemptWindows WINDOWS =
      new AttemptWindows(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(90));

  private static final AttemptKey ALICE_A = new AttemptKey("Digest", "alice", "192.0.2.1");
  private static final AttemptKey ALICE_B = new AttemptKey("Digest", "alice", "192.0.2.2");
  private static final AttemptKey BOB_A = new AttemptKey("Digest", "bob", "192.0.2.1");
  private static final AttemptKey NOBODY_A = new AttemptKey("Digest", null, "192.0.2.1");

  /** A new, empty limiter reading {@link #clock}. */
  protected abstract AttemptLimiter newLimiter(MutableClock clock);

  /** A limiter of the same kind whose storage cannot be reached (a closed pool, a stopped server). */
  protected abstract AttemptLimiter unreachableLimiter(MutableClock clock);

  /**
   * A limiter whose every call throws {@link StoreUnavailableException}: the stand-in for a store
   * behind a broken network, for limiters that cannot fail to be reached themselves (memory) or
   * that wrap another one (a cache).
   */
  protected static AttemptLimiter alwaysUnreachable() {
    return new AttemptLimiter() {
      @Override
      public AttemptCounts counts(AttemptKey key) {
        throw new StoreUnavailableException("unreachable");
      }

      @Override
      public AttemptCounts recordFailure(AttemptKey key, AttemptWindows windows) {
        throw new StoreUnavailableException("unreachable");
      }

      @Override
      public void reset(AttemptKey key, Set<AttemptScope> scopes) {
        throw new StoreUnavailableException("unreachable");
      }
    };
  }

  /** How many distinct keys {@link #aFloodOfDistinctKeysNeverLowersALiveCounter} throws at the store. */
  protected int floodSize() {
    return 50_000;
  }

  @Test
  void aFreshKeyHasNoFailures() {
    AttemptLimiter limiter = newLimiter(clock);
    assertThat(limiter.counts(ALICE_A).clean()).isTrue();
    assertThat(limiter.counts(NOBODY_A).clean()).isTrue();
  }

  @Test
  void aFailureCountsInEachOfTheThreeScopes() {
    AttemptLimiter limiter = newLimiter(clock);
    for (int i = 0; i < 3; i++) {
      limiter.recordFailure(ALICE_A, WINDOWS);
    }
    AttemptCounts c = limiter.recordFailure(BOB_A, WINDOWS);
    assertThat(c.pair().failures()).as("bob's pair").isEqualTo(1);
    assertThat(c.identifier().failures()).as("bob").isEqualTo(1);
    assertThat(c.address().failures()).as("the address across alice and bob").isEqualTo(4);

    AttemptCounts alice = limiter.counts(ALICE_A);
    assertThat(alice.pair().failures()).isEqualTo(3);
    assertThat(alice.identifier().failures()).isEqualTo(3);
    assertThat(alice.address().failures()).isEqualTo(4);

    AttemptCounts elsewhere = limiter.counts(ALICE_B);
    assertThat(elsewhere.pair().failures()).as("alice from a clean address").isZero();
    assertThat(elsewhere.identifier().failures()).isEqualTo(3);
    assertThat(elsewhere.address().failures()).isZero();
  }

  @Test
  void recordFailureReturnsTheCountsAfterTheIncrement() {
    AttemptLimiter limiter = newLimiter(clock);
    limiter.recordFailure(ALICE_A, WINDOWS);
    AttemptCounts after = limiter.recordFailure(ALICE_A, WINDOWS);
    assertThat(after).isEqualTo(limiter.counts(ALICE_A));
    assertThat(after.pair().failures()).isEqualTo(2);
  }

  @Test
  void aKeyWithoutIdentifierCountsOnlyTheAddress() {
    AttemptLimiter limiter = newLimiter(clock);
    AttemptCounts c = limiter.recordFailure(NOBODY_A, WINDOWS);
    assertThat(c.pair()).isEqualTo(AttemptCounts.Counter.NONE);
    assertThat(c.identifier()).isEqualTo(AttemptCounts.Counter.NONE);
    assertThat(c.address().failures()).isEqualTo(1);
    assertThat(limiter.counts(ALICE_A).address().failures()).isEqualTo(1);
    assertThat(limiter.counts(ALICE_A).identifier().failures()).isZero();
  }

  @Test
  void realmsAreCountedApart() {
    AttemptLimiter limiter = newLimiter(clock);
    limiter.recordFailure(ALICE_A, WINDOWS);
    assertThat(limiter.counts(new AttemptKey("login", "alice", "192.0.2.1")).clean()).isTrue();
  }

  @Test
  void eachCounterExpiresByItsOwnWindow() {
    AttemptLimiter limiter = newLimiter(clock);
    long t0 = clock.millis();
    AttemptCounts c = limiter.recordFailure(ALICE_A, WINDOWS);
    assertThat(c.pair().expiresAtMillis()).isEqualTo(t0 + 30_000);
    assertThat(c.identifier().expiresAtMillis()).isEqualTo(t0 + 60_000);
    assertThat(c.address().expiresAtMillis()).isEqualTo(t0 + 90_000);

    clock.advance(Duration.ofSeconds(29));
    assertThat(limiter.counts(ALICE_A).pair().failures()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    AttemptCounts later = limiter.counts(ALICE_A);
    assertThat(later.pair()).as("pair window over").isEqualTo(AttemptCounts.Counter.NONE);
    assertThat(later.identifier().failures()).isEqualTo(1);
    assertThat(later.address().failures()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(60));
    assertThat(limiter.counts(ALICE_A).clean()).isTrue();
    assertThat(limiter.recordFailure(ALICE_A, WINDOWS).pair().failures())
        .as("an expired counter starts again at 1").isEqualTo(1);
  }

  @Test
  void eachFailureMovesTheExpiryToNowPlusTheWindow() {
    AttemptLimiter limiter = newLimiter(clock);
    limiter.recordFailure(ALICE_A, WINDOWS);
    clock.advance(Duration.ofSeconds(20));
    long t1 = clock.millis();
    AttemptCounts c = limiter.recordFailure(ALICE_A, WINDOWS);
    assertThat(c.pair().expiresAtMillis()).isEqualTo(t1 + 30_000);
    clock.advance(Duration.ofSeconds(25)); // 45 s after the first failure, 25 s after the second
    assertThat(limiter.counts(ALICE_A).pair().failures()).isEqualTo(2);
  }

  @Test
  void resetClearsOnlyTheNamedScopesOfThatKey() {
    AttemptLimiter limiter = newLimiter(clock);
    limiter.recordFailure(ALICE_A, WINDOWS);
    limiter.recordFailure(ALICE_A, WINDOWS);
    limiter.recordFailure(ALICE_B, WINDOWS);
    limiter.recordFailure(BOB_A, WINDOWS);
    limiter.reset(ALICE_A, EnumSet.of(AttemptScope.PAIR));

    AttemptCounts alice = limiter.counts(ALICE_A);
    assertThat(alice.pair().failures()).isZero();
    assertThat(alice.identifier().failures()).isEqualTo(3);
    assertThat(alice.address().failures()).isEqualTo(3);
    assertThat(limiter.counts(ALICE_B).pair().failures()).as("the pair from elsewhere").isEqualTo(1);
    assertThat(limiter.counts(BOB_A).pair().failures()).isEqualTo(1);

    limiter.reset(ALICE_A, EnumSet.of(AttemptScope.IDENTIFIER, AttemptScope.ADDRESS));
    assertThat(limiter.counts(ALICE_A).clean()).isTrue();
    assertThat(limiter.counts(BOB_A).pair().failures()).isEqualTo(1);
    limiter.reset(BOB_A, Set.of());
    assertThat(limiter.counts(BOB_A).pair().failures()).as("an empty reset clears nothing").isEqualTo(1);
  }

  @Test
  void racingFailuresAreNeverLost() throws Exception {
    AttemptLimiter limiter = newLimiter(clock);
    int threads = 8;
    int each = 100;
    int done = Races.winners(threads, () -> {
      for (int i = 0; i < each; i++) {
        limiter.recordFailure(ALICE_A, WINDOWS);
      }
      return true;
    });
    assertThat(done).isEqualTo(threads);
    AttemptCounts c = limiter.counts(ALICE_A);
    assertThat(c.pair().failures()).isEqualTo(threads * each);
    assertThat(c.identifier().failures()).isEqualTo(threads * each);
    assertThat(c.address().failures()).isEqualTo(threads * each);
  }

  @Test
  void racingFailuresOnManyKeysAreNeverLost() throws Exception {
    AttemptLimiter limiter = newLimiter(clock);
    int threads = 8;
    Races.winners(threads, t -> {
      for (int i = 0; i < 50; i++) {
        limiter.recordFailure(new AttemptKey("Digest", "user" + (i % 5), "198.51.100." + t), WINDOWS);
      }
      return true;
    });
    for (int u = 0; u < 5; u++) {
      assertThat(limiter.counts(new AttemptKey("Digest", "user" + u, "198.51.100.0")).identifier().failures())
          .as("user%d from all threads", u).isGreaterThanOrEqualTo(threads * 10);
    }
    assertThat(limiter.counts(new AttemptKey("Digest", "x", "198.51.100.3")).address().failures())
        .isGreaterThanOrEqualTo(50);
  }

  @Test
  void aFloodOfDistinctKeysNeverLowersALiveCounter() {
    AttemptLimiter limiter = newLimiter(clock);
    for (int i = 0; i < 5; i++) {
      limiter.recordFailure(ALICE_A, WINDOWS);
    }
    // the attacker who owns ALICE_A's record floods fresh identifiers and addresses, and succeeds
    // with accounts of his own, hoping the store evicts or resets his record
    for (int i = 0; i < floodSize(); i++) {
      AttemptKey k = new AttemptKey("Digest", "fresh-" + i, "203.0.113." + (i & 255));
      limiter.recordFailure(k, WINDOWS);
      if (i % 8 == 0) {
        limiter.reset(k, EnumSet.allOf(AttemptScope.class));
      }
    }
    AttemptCounts c = limiter.counts(ALICE_A);
    assertThat(c.pair().failures()).isGreaterThanOrEqualTo(5);
    assertThat(c.identifier().failures()).isGreaterThanOrEqualTo(5);
    assertThat(c.address().failures()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void aGateOverAnUnreachableStoreAnswers503AndVerifiesNothing() {
    int[] verified = {0};
    Scheme pw = new Scheme() {
      @Override public String name() { return "Pw"; }
      @Override public Outcome authenticate(AuthRequest request, String credentials) {
        verified[0]++;
        return new Outcome.Rejected(Reason.CREDENTIALS_INVALID, "Pw");
      }
      @Override public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
        return List.of("Pw");
      }
    };
    Gate gate = Gate.builder().scheme(pw).attemptLimiter(unreachableLimiter(clock)).clock(clock).build();
    AuthRequest request = AuthRequests.builder().header("Authorization", "Pw alice:guess").build();
    Outcome o = gate.authenticate(request);
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(Reason.UNAVAILABLE));
    assertThat(verified[0]).as("fail closed: nothing verified without the limiter").isZero();
    assertThat(gate.deny(request, o).status()).isEqualTo(503);
  }

  @Test
  void anUnreachableStoreThrowsAndNeverAnswersClean() {
    AttemptLimiter limiter = unreachableLimiter(clock);
    assertThatThrownBy(() -> limiter.counts(ALICE_A)).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> limiter.recordFailure(ALICE_A, WINDOWS))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> limiter.reset(ALICE_A, EnumSet.of(AttemptScope.PAIR)))
        .isInstanceOf(StoreUnavailableException.class);
  }
}
