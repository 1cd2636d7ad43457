package dev.portcullis.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The gate's events, its builder rules and its throttle with a scheme that names its identifier. */
class GateEventsTest {

  /** "Authorization: Pw user:password", verified against one fixed pair; counts verifications. */
  static final class PwScheme implements Scheme {
    int verifications;

    @Override public String name() { return "Pw"; }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      verifications++;
      return credentials.equals("alice:right")
          ? new Outcome.Authenticated(new Identity("alice", null, null, "Pw", Grants.none()))
          : new Outcome.Rejected(Reason.CREDENTIALS_INVALID, "Pw");
    }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials, Attempt attempt) {
      int colon = credentials.indexOf(':');
      Outcome.Rejected throttled = attempt.admit(colon < 0 ? null : credentials.substring(0, colon));
      return throttled != null ? throttled : authenticate(request, credentials);
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      return List.of("Pw");
    }
  }

  private final PwScheme pw = new PwScheme();
  private final List<SecurityEvent> events = new ArrayList<>();

  private static AuthRequest req(String credentials, String address) {
    return AuthRequests.builder().header("Authorization", "Pw " + credentials).remoteAddress(address)
        .header("X-Request-Id", "req-1").build();
  }

  @Test
  void everyRequestOutcomeBecomesOneEventWithoutSecrets() {
    Gate gate = Gate.builder().scheme(pw).listener(events::add).build();
    gate.authenticate(req("alice:right", "192.0.2.1"));
    gate.authenticate(req("alice:wrong-secret", "192.0.2.1"));
    gate.authenticate(AuthRequests.builder().build()); // no credentials: no event
    gate.forbid(new Identity("alice", null, null, "Pw", Grants.none()), new Requirement("items", Operation.READ, "k1"));

    assertThat(events).hasSize(3);
    assertThat(events.get(0)).isInstanceOfSatisfying(SecurityEvent.Authenticated.class, e -> {
      assertThat(e.subject()).isEqualTo("alice");
      assertThat(e.requestId()).isEqualTo("req-1");
      assertThat(e.nanos()).isPositive();
    });
    assertThat(events.get(1)).isInstanceOfSatisfying(SecurityEvent.Refused.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.CREDENTIALS_INVALID);
      assertThat(e.identifier()).isEqualTo("alice");
      assertThat(e.address()).isEqualTo("192.0.2.1");
    });
    assertThat(events.get(2)).isInstanceOfSatisfying(SecurityEvent.Forbidden.class,
        e -> assertThat(e.scope()).isEqualTo("items(r)"));
    assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain("wrong-secret").doesNotContain("right"));
  }

  @Test
  void aMadeUpRequestIdReplacesAnIllFormedOne() {
    AuthRequest r = AuthRequests.builder().header("X-Request-Id", "a b\r\nforged=1").build();
    assertThat(Gate.requestId(r)).matches("[0-9a-f]{16}");
  }

  @Test
  void aThrowingListenerNeverChangesTheAnswer() {
    Gate gate = Gate.builder().scheme(pw).listener(e -> { throw new IllegalStateException("broken"); })
        .listener(events::add).build();
    assertThat(gate.authenticate(req("alice:right", "192.0.2.1"))).isInstanceOf(Outcome.Authenticated.class);
    assertThat(events).hasSize(1);
  }

  @Test
  void throttledAttemptsAreNotVerifiedAndEmitThrottled() {
    Gate gate = Gate.builder().scheme(pw).attemptLimiter(new InMemoryAttemptLimiter(Clock.systemUTC(), 1 << 10))
        .listener(events::add).build();
    for (int i = 0; i < 5; i++) {
      gate.authenticate(req("alice:guess" + i, "192.0.2.1"));
    }
    int verified = pw.verifications;
    AuthRequest r = req("alice:guess5", "192.0.2.1");
    Outcome o = gate.authenticate(r);
    assertThat(pw.verifications).isEqualTo(verified);
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, rej -> assertThat(rej.reason()).isEqualTo(Reason.THROTTLED));
    assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(SecurityEvent.Throttled.class, e -> {
      assertThat(e.identifier()).isEqualTo("alice");
      assertThat(e.retryAfterSeconds()).isBetween(29L, 30L);
    });
    Denial d = gate.deny(r, o);
    assertThat(d.status()).isEqualTo(429);
    assertThat(d.headers()).anyMatch(h -> h.name().equals("Retry-After"));
  }

  @Test
  void aDistributedGuesserIsSlowedButTheOwnerFromACleanAddressIsNeverHeldBack() {
    Gate gate = Gate.builder().scheme(pw).attemptLimiter(new InMemoryAttemptLimiter(Clock.systemUTC(), 1 << 12)).build();
    // 40 addresses, 2 guesses each: alice's identifier counter passes its limit of 10
    int throttled = 0;
    for (int a = 0; a < 40; a++) {
      for (int g = 0; g < 2; g++) {
        Outcome o = gate.authenticate(req("alice:guess" + g, "198.51.100." + a));
        if (o instanceof Outcome.Rejected r && r.reason() == Reason.THROTTLED) {
          throttled++;
        }
      }
    }
    assertThat(throttled).as("second guesses from addresses with a failure of their own wait").isPositive();
    assertThat(gate.authenticate(req("alice:right", "192.0.2.200"))).as("the owner, clean address")
        .isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void theAddressComesFromATrustedProxyOnly() {
    Gate gate = Gate.builder().scheme(pw).trustedProxies(TrustedProxies.of(List.of("10.0.0.1")))
        .listener(events::add).build();
    gate.authenticate(AuthRequests.builder().header("Authorization", "Pw alice:x").remoteAddress("10.0.0.1")
        .header("X-Forwarded-For", "198.51.100.4").build());
    assertThat(((SecurityEvent.Refused) events.get(0)).address()).isEqualTo("198.51.100.4");
  }

  @Test
  void anUnreachableLimiterFailsClosedWith503() {
    AttemptLimiter down = new AttemptLimiter() {
      @Override public AttemptCounts counts(AttemptKey key) { throw new StoreUnavailableException("down"); }
      @Override public AttemptCounts recordFailure(AttemptKey key, AttemptWindows w) { throw new StoreUnavailableException("down"); }
      @Override public void reset(AttemptKey key, Set<AttemptScope> s) { throw new StoreUnavailableException("down"); }
    };
    Gate gate = Gate.builder().scheme(pw).attemptLimiter(down).listener(events::add).build();
    AuthRequest r = req("alice:right", "192.0.2.1");
    Outcome o = gate.authenticate(r);
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class, rej -> assertThat(rej.reason()).isEqualTo(Reason.UNAVAILABLE));
    assertThat(pw.verifications).isZero();
    Denial d = gate.deny(r, o);
    assertThat(d.status()).isEqualTo(503);
    assertThat(d.headers()).contains(new Header("Retry-After", "5"));
    assertThat(events.get(0)).isInstanceOf(SecurityEvent.StoreUnavailable.class);
  }

  @Test
  void everyBuilderSettingIsRefusedTwice() {
    AttemptLimiter l = new InMemoryAttemptLimiter();
    assertThatThrownBy(() -> Gate.builder().requireSecure(true).requireSecure(false)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Gate.builder().attemptLimiter(l).attemptLimiter(l)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Gate.builder().attemptPolicy(AttemptPolicy.defaults()).attemptPolicy(AttemptPolicy.defaults()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Gate.builder().trustedProxies(TrustedProxies.none()).trustedProxies(TrustedProxies.none()))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Gate.builder().clock(Clock.systemUTC()).clock(Clock.systemUTC())).isInstanceOf(IllegalStateException.class);
    SecurityEventListener listener = e -> { };
    assertThatThrownBy(() -> Gate.builder().listener(listener).listener(listener)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Gate.builder().scheme(pw).attemptPolicy(AttemptPolicy.defaults()).build())
        .isInstanceOf(IllegalStateException.class);
  }
}
