package dev.portcullis.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MicrometerEventListenerTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerEventListener listener = new MicrometerEventListener(registry);

  private double outcomes(String outcome, String scheme, String reason, String status) {
    var c = registry.find(MicrometerEventListener.OUTCOMES).tags("outcome", outcome, "scheme", scheme,
        "reason", reason, "status", status).counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void countsByOutcomeSchemeReasonAndStatusAndTimesVerifications() {
    listener.onEvent(new SecurityEvent.Authenticated(AT, "r", "Digest", "alice", null, "192.0.2.1", 2_000_000));
    listener.onEvent(new SecurityEvent.Refused(AT, "r", "Digest", Reason.CREDENTIALS_INVALID, "alice", "192.0.2.1", 1_000_000));
    listener.onEvent(new SecurityEvent.Refused(AT, "r", "Digest", Reason.CREDENTIALS_INVALID, "bob", "192.0.2.2", 1_000_000));
    listener.onEvent(new SecurityEvent.Refused(AT, "r", null, Reason.HTTPS_REQUIRED, null, "192.0.2.1", 0));
    listener.onEvent(new SecurityEvent.Throttled(AT, "r", "Digest", "alice", "192.0.2.1", 30));
    listener.onEvent(new SecurityEvent.StoreUnavailable(AT, "r", "Bearer", "192.0.2.1"));
    listener.onEvent(new SecurityEvent.TokenRevoked(AT, null, "demo", "abc", "demo"));

    assertThat(outcomes("authenticated", "Digest", "none", "200")).isEqualTo(1);
    assertThat(outcomes("refused", "Digest", "credentials_invalid", "401")).isEqualTo(2);
    assertThat(outcomes("refused", "none", "https_required", "403")).isEqualTo(1);
    assertThat(outcomes("throttled", "Digest", "throttled", "429")).isEqualTo(1);
    assertThat(outcomes("store_unavailable", "Bearer", "unavailable", "503")).isEqualTo(1);
    assertThat(registry.find(MicrometerEventListener.CREDENTIALS).tag("event", "token_revoked").counter().count()).isEqualTo(1);

    var refusedTimer = registry.find(MicrometerEventListener.VERIFICATIONS).tags("scheme", "Digest", "outcome", "refused").timer();
    assertThat(refusedTimer.count()).isEqualTo(2);
    assertThat(refusedTimer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2.0);
    assertThat(registry.find(MicrometerEventListener.VERIFICATIONS).tags("outcome", "authenticated").timer().count()).isEqualTo(1);
  }

  @Test
  void noTagCarriesAnIdentifierOrAnAddress() {
    for (int i = 0; i < 100; i++) {
      listener.onEvent(new SecurityEvent.Refused(AT, "r" + i, "Basic", Reason.TOKEN_UNKNOWN, "id" + i, "10.0.0." + i, 1));
    }
    assertThat(registry.getMeters()).hasSize(2); // one counter, one timer, whatever the clients sent
    for (Meter m : registry.getMeters()) {
      assertThat(m.getId().getTags()).noneMatch(t -> t.getValue().startsWith("id") || t.getValue().startsWith("10."));
    }
  }

  @Test
  void fedByARealGate() {
    Scheme pw = new Scheme() {
      @Override public String name() { return "Pw"; }
      @Override public Outcome authenticate(AuthRequest request, String credentials) {
        return credentials.equals("ok")
            ? new Outcome.Authenticated(new Identity("alice", null, null, "Pw", Grants.none()))
            : new Outcome.Rejected(Reason.CREDENTIALS_INVALID, "Pw");
      }
      @Override public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
        return List.of("Pw");
      }
    };
    Gate gate = Gate.builder().scheme(pw).attemptLimiter(new InMemoryAttemptLimiter()).listener(listener).build();
    for (int i = 0; i < 25; i++) {
      gate.authenticate(AuthRequests.builder().header("Authorization", "Pw wrong").remoteAddress("192.0.2.9").build());
    }
    gate.authenticate(AuthRequests.builder().header("Authorization", "Pw ok").remoteAddress("192.0.2.10").build());
    // the default scheme method counts by address: 20 failures, then throttled
    assertThat(outcomes("refused", "Pw", "credentials_invalid", "401")).isEqualTo(20);
    assertThat(outcomes("throttled", "Pw", "throttled", "429")).isEqualTo(5);
    assertThat(outcomes("authenticated", "Pw", "none", "200")).isEqualTo(1);
  }
}
