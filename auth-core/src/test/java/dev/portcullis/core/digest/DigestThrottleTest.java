package dev.portcullis.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Wrong Digest passwords through a throttled gate: 429 before any HA1 is looked up. */
class DigestThrottleTest {
  private static final String REALM = DigestSchemeTest.REALM;
  private final DigestSchemeTest.MutableClock clock = new DigestSchemeTest.MutableClock();
  private final AtomicInteger ha1Lookups = new AtomicInteger();
  private DigestScheme scheme;
  private Gate gate;

  @BeforeEach
  void throttledGate() {
    DigestCredentialStore real = InMemoryDigestCredentialStore.builder().realm(REALM)
        .user("customer", "right".toCharArray()).build();
    DigestCredentialStore counting = new DigestCredentialStore() {
      @Override
      public byte @Nullable [] ha1(String username, String realm, DigestAlgorithm algorithm) {
        ha1Lookups.incrementAndGet();
        return real.ha1(username, realm, algorithm);
      }

      @Override
      public @Nullable String usernameForHash(String userhash, String realm, DigestAlgorithm algorithm) {
        return real.usernameForHash(userhash, realm, algorithm);
      }
    };
    scheme = DigestScheme.builder().realm(REALM).credentials(counting)
        .nonceKey(DigestSchemeTest.NONCE_KEY).clock(clock)
        .replayGuard(new InMemoryReplayGuard(clock, 10_000)).build();
    gate = Gate.builder().scheme(scheme).attemptLimiter(new InMemoryAttemptLimiter(clock, 1 << 10))
        .clock(clock).build();
  }

  private DigestTestClient client(String password) {
    DigestTestClient c = new DigestTestClient();
    c.realm = REALM;
    c.username = "customer";
    c.password = password;
    c.uri = "/ws/customers/customer/contacts";
    c.nonce = DigestSchemeTest.nonceFor(scheme, "SHA-256");
    return c;
  }

  private static AuthRequest from(DigestTestClient c, String address) {
    return AuthRequests.builder().scheme("http").host("localhost").port(8080)
        .rawPath(c.uri).header("Authorization", "Digest " + c.header()).remoteAddress(address).build();
  }

  private static Reason reason(Outcome o) {
    return DigestSchemeTest.reason(o);
  }

  @Test
  void fiveWrongPasswordsThenThrottledWithoutTouchingTheStore() {
    for (int i = 1; i <= 5; i++) {
      assertThat(reason(gate.authenticate(from(client("guess" + i), "192.0.2.66")))).isEqualTo(Reason.CREDENTIALS_INVALID);
    }
    int lookups = ha1Lookups.get();
    AuthRequest sixth = from(client("guess6"), "192.0.2.66");
    Outcome o = gate.authenticate(sixth);
    assertThat(reason(o)).isEqualTo(Reason.THROTTLED);
    assertThat(ha1Lookups.get()).as("no HA1 read for a throttled attempt").isEqualTo(lookups);
    Denial d = gate.deny(sixth, o);
    assertThat(d.status()).isEqualTo(429);
    assertThat(d.headers()).contains(new Header("Retry-After", "30"));
    assertThat(d.headers()).noneMatch(h -> h.name().equals("WWW-Authenticate"));

    assertThat(gate.authenticate(from(client("right"), "198.51.100.7"))).as("the owner from elsewhere")
        .isInstanceOf(Outcome.Authenticated.class);
    assertThat(reason(gate.authenticate(from(client("right"), "192.0.2.66"))))
        .as("even the right password waits at the guesser's address").isEqualTo(Reason.THROTTLED);
  }

  @Test
  void aStaleNonceIsNoFailedGuess() {
    for (int i = 1; i <= 10; i++) {
      DigestTestClient c = client("right");
      clock.advance(Duration.ofHours(1)); // the nonce expires; the password is right
      assertThat(reason(gate.authenticate(from(c, "192.0.2.8")))).isEqualTo(Reason.STALE_NONCE);
    }
    assertThat(gate.authenticate(from(client("right"), "192.0.2.8"))).isInstanceOf(Outcome.Authenticated.class);
  }
}
