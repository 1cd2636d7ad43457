package dev.portcullis.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed-token throttling through the gate with the real token schemes and service. */
class TokenThrottleTest {
  private final TokenFixture f = new TokenFixture();
  private final List<SecurityEvent> events = new ArrayList<>();
  private final Gate gate = Gate.builder()
      .scheme(new BasicTokenScheme(f.service, "catalog"))
      .scheme(new BearerTokenScheme(f.service, "catalog"))
      .attemptLimiter(new InMemoryAttemptLimiter(f.clock, 1 << 10))
      .clock(f.clock)
      .listener(events::add)
      .build();
  private final IssuedToken real = f.itemsReader(null);
  /** The real token's id with a different secret and a valid checksum: a well-aimed guess. */
  private final String guess = new TokenFormat(f.service.prefix()).newToken(new SecureRandom(), real.info().id());

  private static AuthRequest bearer(String token, String address) {
    return AuthRequests.builder().rawPath("/v2/items").header("Authorization", "Bearer " + token)
        .remoteAddress(address).build();
  }

  private static AuthRequest basic(String token, String address) {
    String b64 = Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));
    return AuthRequests.builder().rawPath("/v2/items").header("Authorization", "Basic " + b64)
        .remoteAddress(address).build();
  }

  @Test
  void theIdHintIsTheGeneratedTokensIdAndNothingForAnAccountToken() {
    assertThat(BearerTokenScheme.idHint(real.secret())).isEqualTo(real.info().id());
    assertThat(BearerTokenScheme.idHint("demo_api_token")).isNull();
    assertThat(BearerTokenScheme.idHint("")).isNull();
  }

  @Test
  void theSixthWrongTokenFromOneAddressIsThrottledBeforeTheStoreIsAsked() {
    for (int i = 0; i < 5; i++) {
      Outcome o = gate.authenticate(bearer(guess, "192.0.2.66"));
      assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class,
          r -> assertThat(r.reason()).isEqualTo(Reason.TOKEN_UNKNOWN));
    }
    int finds = f.tokens.finds.get();
    AuthRequest sixth = bearer(guess, "192.0.2.66");
    Outcome o = gate.authenticate(sixth);
    assertThat(o).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(Reason.THROTTLED));
    assertThat(f.tokens.finds.get()).as("nothing verified").isEqualTo(finds);

    Denial d = gate.deny(sixth, o);
    assertThat(d.status()).isEqualTo(429);
    assertThat(d.headers()).contains(new Header("Retry-After", "30"));
    assertThat(d.headers()).noneMatch(h -> h.name().equals("WWW-Authenticate"));
    assertThat(d.body().text()).contains("\"status\":429").contains("too_many_attempts");
    assertThat(d.body().text()).doesNotContain(guess);

    // Basic carries the same token id, counted in its own realm: not throttled by Bearer's record
    assertThat(gate.authenticate(basic(guess, "192.0.2.66"))).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(Reason.TOKEN_UNKNOWN));
  }

  @Test
  void theOwnerFromAnotherAddressStillGetsIn() {
    for (int i = 0; i < 40; i++) {
      gate.authenticate(bearer(guess, "192.0.2.66"));
    }
    assertThat(gate.authenticate(bearer(real.secret(), "198.51.100.7"))).isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void theWaitDoublesAndASuccessAfterItClearsThePair() {
    for (int i = 0; i < 5; i++) {
      gate.authenticate(bearer(guess, "192.0.2.66"));
    }
    f.clock.advance(Duration.ofSeconds(30));
    assertThat(((Outcome.Rejected) gate.authenticate(bearer(guess, "192.0.2.66"))).reason())
        .as("one more try after the wait").isEqualTo(Reason.TOKEN_UNKNOWN);
    Outcome.Rejected next = (Outcome.Rejected) gate.authenticate(bearer(guess, "192.0.2.66"));
    assertThat(next.reason()).isEqualTo(Reason.THROTTLED);
    assertThat(next.retryAfterSeconds()).as("doubled").isEqualTo(60);

    f.clock.advance(Duration.ofSeconds(60));
    assertThat(gate.authenticate(bearer(real.secret(), "192.0.2.66"))).isInstanceOf(Outcome.Authenticated.class);
    assertThat(gate.authenticate(bearer(guess, "192.0.2.66"))).as("the pair starts again")
        .isInstanceOfSatisfying(Outcome.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.TOKEN_UNKNOWN));
  }

  @Test
  void sprayingAccountTokensIsLimitedByAddress() {
    for (int i = 0; i < 20; i++) {
      assertThat(((Outcome.Rejected) gate.authenticate(basic("guess_" + i, "203.0.113.5"))).reason())
          .isEqualTo(Reason.TOKEN_UNKNOWN);
    }
    int lookups = f.accounts.hashLookups.get();
    Outcome.Rejected r = (Outcome.Rejected) gate.authenticate(basic("demo_api_token", "203.0.113.5"));
    assertThat(r.reason()).isEqualTo(Reason.THROTTLED);
    assertThat(f.accounts.hashLookups.get()).isEqualTo(lookups);
    assertThat(gate.authenticate(basic("demo_api_token", "203.0.113.6"))).isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void eventsNameTheTokenIdNeverTheToken() {
    gate.authenticate(bearer(guess, "192.0.2.66"));
    gate.authenticate(bearer(real.secret(), "198.51.100.7"));
    gate.authenticate(basic("demo_api_token", "198.51.100.8"));
    assertThat(events).hasSize(3);
    assertThat(events.get(0)).isInstanceOfSatisfying(SecurityEvent.Refused.class, e -> {
      assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNKNOWN);
      assertThat(e.identifier()).isEqualTo(real.info().id());
      assertThat(e.address()).isEqualTo("192.0.2.66");
      assertThat(e.scheme()).isEqualTo("Bearer");
    });
    assertThat(events.get(1)).isInstanceOf(SecurityEvent.Authenticated.class);
    for (SecurityEvent e : events) {
      assertThat(e.toString()).doesNotContain(guess).doesNotContain(real.secret()).doesNotContain("demo_api_token");
    }
  }
}
