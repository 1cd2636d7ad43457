package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.spi.oauth1.UserDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void blocksAfterTheFailuresUntilTheWindowEnds() {
    LoginThrottle t = new LoginThrottle(clock, 3, Duration.ofMinutes(5), 100);
    for (int i = 0; i < 3; i++) {
      assertThat(t.blocked("demo_user")).isFalse();
      t.failed("demo_user");
    }
    assertThat(t.blocked("demo_user")).isTrue();
    assertThat(t.blocked("other_user")).as("per username").isFalse();
    clock.advance(Duration.ofMinutes(5));
    assertThat(t.blocked("demo_user")).isFalse();
  }

  @Test
  void successForgetsEarlierFailures() {
    LoginThrottle t = new LoginThrottle(clock, 2, Duration.ofMinutes(5), 100);
    t.failed("demo_user");
    t.succeeded("demo_user");
    t.failed("demo_user");
    assertThat(t.blocked("demo_user")).isFalse();
  }

  @Test
  void aFullTableRefusesNewUsernamesUntilEntriesExpire() {
    LoginThrottle t = new LoginThrottle(clock, 5, Duration.ofMinutes(1), 2);
    t.failed("a");
    t.failed("b");
    assertThat(t.blocked("c")).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(t.blocked("c")).isFalse();
  }

  @Test
  void providerLoginCountsWrongPasswordsAndThenDoesNotCheckThem() {
    UserDirectory users = InMemoryUserDirectory.builder().iterations(10_000)
        .user("demo_user", "demo_password".toCharArray()).build();
    LoginThrottle t = new LoginThrottle(clock, 2, Duration.ofMinutes(5), 100);
    OAuthProvider p = OAuthProvider.builder()
        .verifier(dev.portcullis.core.oauth1.OAuth1Verifier.builder()
            .consumers(new dev.portcullis.core.memory.InMemoryConsumerStore())
            .tokens(new dev.portcullis.core.memory.InMemoryOAuthTokenStore())
            .replayGuard(new dev.portcullis.core.memory.InMemoryReplayGuard()).realm("t").build())
        .users(users).loginThrottle(t).build();
    assertThat(p.login("demo_user", "demo_password".toCharArray())).isEqualTo(new Login(Login.Status.OK, "demo_user"));
    assertThat(p.login("demo_user", "x".toCharArray()).status()).isEqualTo(Login.Status.WRONG);
    assertThat(p.login("demo_user", "y".toCharArray()).status()).isEqualTo(Login.Status.WRONG);
    assertThat(p.login("demo_user", "demo_password".toCharArray()).status()).isEqualTo(Login.Status.THROTTLED);
    clock.advance(Duration.ofMinutes(5));
    assertThat(p.login("demo_user", "demo_password".toCharArray()).status()).isEqualTo(Login.Status.OK);
  }

  @Test
  void refusesNonsenseSettings() {
    assertThatThrownBy(() -> new LoginThrottle(clock, 0, Duration.ofMinutes(1), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoginThrottle(clock, 1, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
  }
}
