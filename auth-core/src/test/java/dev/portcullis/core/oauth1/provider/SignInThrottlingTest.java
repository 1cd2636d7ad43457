package dev.portcullis.core.oauth1.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.AttemptPolicy;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The authorize page's sign-in under the default {@link AttemptPolicy} over a real in-memory
 * limiter: who gets throttled, who never does, and that a throttled attempt costs no PBKDF2.
 */
class SignInThrottlingTest {
  private static final UserDirectory DIRECTORY = InMemoryUserDirectory.builder().iterations(10_000)
      .user("demo_user", "demo_password".toCharArray())
      .user("sprayer", "sprayer_password".toCharArray())
      .build();
  private static final String ATTACKER = "203.0.113.66";
  private static final String HOME = "198.51.100.7";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  /** Counts the password checks (the PBKDF2s) the provider asks for. */
  private final AtomicInteger checks = new AtomicInteger();
  private final UserDirectory users = (u, p) -> {
    checks.incrementAndGet();
    return DIRECTORY.authenticate(u, p);
  };

  private OAuthProvider provider(AttemptLimiter limiter) {
    OAuth1Verifier verifier = OAuth1Verifier.builder().consumers(new InMemoryConsumerStore())
        .tokens(new InMemoryOAuthTokenStore()).replayGuard(new InMemoryReplayGuard()).clock(clock).realm("t").build();
    return OAuthProvider.builder().verifier(verifier).users(users).loginLimiter(limiter).build();
  }

  private final OAuthProvider provider = provider(new InMemoryAttemptLimiter(clock, 1024));

  private Login login(String user, String password, String address) {
    return provider.login(user, password.toCharArray(), address);
  }

  @Test
  void aGuessedPairIsBlockedWithoutCheckingThePasswordAndTheUserElsewhereStillSignsIn() {
    for (int i = 0; i < 5; i++) {
      assertThat(login("demo_user", "guess" + i, ATTACKER).status()).isEqualTo(Login.Status.WRONG);
    }
    int before = checks.get();
    Login blocked = login("demo_user", "demo_password", ATTACKER);
    assertThat(blocked.status()).isEqualTo(Login.Status.THROTTLED);
    assertThat(blocked.retryAfter()).as("the policy's first wait").isEqualTo(Duration.ofSeconds(30));
    assertThat(checks.get()).as("no PBKDF2 for a throttled attempt").isEqualTo(before);

    assertThat(login("demo_user", "demo_password", HOME)).isEqualTo(new Login(Login.Status.OK, "demo_user"));
    clock.advance(Duration.ofSeconds(30));
    assertThat(login("demo_user", "guess5", ATTACKER).status()).isEqualTo(Login.Status.WRONG);
    assertThat(login("demo_user", "demo_password", ATTACKER).retryAfter()).as("doubling").isEqualTo(Duration.ofSeconds(60));
    clock.advance(Duration.ofSeconds(60));
    assertThat(login("demo_user", "demo_password", ATTACKER).status()).isEqualTo(Login.Status.OK);
  }

  @Test
  void sprayingOnePasswordOverManyUsernamesFromOneAddressIsBlocked() {
    int throttled = 0;
    for (int i = 0; i < 40; i++) {
      Login l = login("user" + i, "Winter2026!", ATTACKER);
      if (l.status() == Login.Status.THROTTLED) {
        throttled++;
      }
    }
    assertThat(throttled).as("after 20 failures the address is blocked").isEqualTo(20);
    assertThat(checks.get()).as("PBKDF2s the spray cost").isEqualTo(20);
    assertThat(login("demo_user", "demo_password", ATTACKER).status()).isEqualTo(Login.Status.THROTTLED);
    assertThat(login("demo_user", "demo_password", HOME).status()).isEqualTo(Login.Status.OK);
  }

  @Test
  void aSuccessClearsThePairButNotTheAddress() {
    for (int i = 0; i < 4; i++) {
      login("demo_user", "typo" + i, HOME);
    }
    assertThat(login("demo_user", "demo_password", HOME).status()).isEqualTo(Login.Status.OK);
    for (int i = 0; i < 4; i++) {
      assertThat(login("demo_user", "typo" + i, HOME).status()).as("the pair starts again").isEqualTo(Login.Status.WRONG);
    }
    // a sprayer signing into his own account does not wipe his address's record
    for (int i = 0; i < 19; i++) {
      login("victim" + i, "Winter2026!", ATTACKER);
    }
    assertThat(login("sprayer", "sprayer_password", ATTACKER).status()).isEqualTo(Login.Status.OK);
    assertThat(login("victim19", "Winter2026!", ATTACKER).status()).isEqualTo(Login.Status.WRONG);
    assertThat(login("victim20", "Winter2026!", ATTACKER).status()).isEqualTo(Login.Status.THROTTLED);
  }

  @Test
  void aUsernameGuessedFromEverywhereIsSlowedForTheGuessersButNeverLockedForTheUser() {
    for (int i = 0; i < 20; i++) {
      assertThat(login("demo_user", "guess", "192.0.2." + i).status()).isEqualTo(Login.Status.WRONG);
    }
    assertThat(login("demo_user", "demo_password", HOME).status()).as("a fresh address").isEqualTo(Login.Status.OK);
    Login slowed = login("demo_user", "again", "192.0.2.3");
    assertThat(slowed.status()).isEqualTo(Login.Status.THROTTLED);
    assertThat(slowed.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(30));
    assertThat(login("demo_user", "again", "192.0.2.3").status()).isEqualTo(Login.Status.WRONG);
    assertThat(login("demo_user", "again", "192.0.2.3").status()).isEqualTo(Login.Status.THROTTLED);
  }

  @Test
  void anUnreachableLimiterFailsClosedBeforeAnyPasswordIsChecked() {
    AttemptLimiter down = new AttemptLimiter() {
      @Override
      public AttemptCounts counts(AttemptKey key) {
        throw new StoreUnavailableException("limiter down");
      }

      @Override
      public AttemptCounts recordFailure(AttemptKey key, AttemptWindows windows) {
        throw new StoreUnavailableException("limiter down");
      }

      @Override
      public void reset(AttemptKey key, Set<AttemptScope> scopes) {
        throw new StoreUnavailableException("limiter down");
      }
    };
    OAuthProvider p = provider(down);
    assertThatThrownBy(() -> p.login("demo_user", "demo_password".toCharArray(), HOME))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(checks.get()).isZero();
  }

  @Test
  void aStricterPolicyIsTheGatesPolicyType() {
    AttemptPolicy strict = AttemptPolicy.builder()
        .pair(new AttemptPolicy.Limit(2, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5))).build();
    OAuth1Verifier verifier = OAuth1Verifier.builder().consumers(new InMemoryConsumerStore())
        .tokens(new InMemoryOAuthTokenStore()).replayGuard(new InMemoryReplayGuard()).clock(clock).realm("t").build();
    OAuthProvider p = OAuthProvider.builder().verifier(verifier).users(users)
        .loginLimiter(new InMemoryAttemptLimiter(clock, 1024)).loginPolicy(strict).build();
    p.login("demo_user", "a".toCharArray(), ATTACKER);
    p.login("demo_user", "b".toCharArray(), ATTACKER);
    clock.advance(Duration.ofMillis(1));
    assertThat(p.login("demo_user", "demo_password".toCharArray(), ATTACKER).retryAfter())
        .as("rounded up to whole seconds").isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theBuilderTakesTheLimiterAndPolicyOnce() {
    assertThatThrownBy(() -> OAuthProvider.builder().loginPolicy(AttemptPolicy.defaults())
        .loginPolicy(AttemptPolicy.defaults())).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OAuthProvider.builder().loginLimiter(new InMemoryAttemptLimiter())
        .loginLimiter(new InMemoryAttemptLimiter())).isInstanceOf(IllegalStateException.class);
  }
}
