package dev.portcullis.core.oauth1.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.oauth1.OAuth1Scheme;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The token endpoints under the gate's limiter ({@link OAuthProvider#issueRequestToken(
 * dev.portcullis.core.AuthRequest, Gate)}), as a pure unit: the default policy blocks the pair from
 * its 5th failure, 30 s after the latest. The clock is a test clock, so no timing is measured.
 */
class TokenEndpointThrottlingTest {
  private static final String KEY = "demo_consumer_key";
  private static final String SECRET = "demo_consumer_secret";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final Lookups consumers = new Lookups();
  private final InMemoryOAuthTokenStore tokens = new InMemoryOAuthTokenStore();
  private final InMemoryAttemptLimiter limiter = new InMemoryAttemptLimiter(clock, 1024);
  private final OAuth1Verifier verifier;
  private final OAuthProvider provider;

  TokenEndpointThrottlingTest() {
    consumers.save(Consumer.builder(KEY, ProtectedSecret.plain(SECRET)).callbacks(List.of("oob")).build());
    verifier = OAuth1Verifier.builder().consumers(consumers).tokens(tokens)
        .replayGuard(new InMemoryReplayGuard(clock, 10_000)).clock(clock).realm("test").build();
    provider = OAuthProvider.builder().verifier(verifier)
        .users(InMemoryUserDirectory.builder().iterations(10_000).user("demo_user", "pw".toCharArray()).build())
        .build();
  }

  /** Counts how often the verifier looks a consumer up: it does so only to check a signature. */
  private static final class Lookups implements ConsumerStore {
    final InMemoryConsumerStore store = new InMemoryConsumerStore();
    final AtomicInteger finds = new AtomicInteger();

    @Override public @Nullable Consumer find(String key) {
      finds.incrementAndGet();
      return store.find(key);
    }
    @Override public void save(Consumer consumer) { store.save(consumer); }
    @Override public boolean addIfAbsent(Consumer consumer) { return store.addIfAbsent(consumer); }
    @Override public boolean remove(String key) { return store.remove(key); }
    @Override public int purgeExpired(Instant now) { return store.purgeExpired(now); }
  }

  private Gate gate(boolean limited) {
    Gate.Builder b = Gate.builder().scheme(OAuth1Scheme.builder(verifier).build()).clock(clock);
    return limited ? b.attemptLimiter(limiter).build() : b.build();
  }

  private ProviderResult requestToken(Gate gate, String secret) {
    return provider.issueRequestToken(TestSigner.post("/1.0/oauth/request_token", clock.instant().getEpochSecond(),
        KEY, secret, null, null, Map.of("oauth_callback", "oob")), gate);
  }

  private static Outcome.Rejected rejection(ProviderResult r) {
    assertThat(r).isInstanceOf(ProviderResult.Refused.class);
    return ((ProviderResult.Refused) r).rejection();
  }

  @Test
  void overTheLimitTheRequestIsRefusedBeforeTheConsumerIsLookedUp() {
    Gate gate = gate(true);
    for (int i = 0; i < 5; i++) {
      assertThat(rejection(requestToken(gate, "guess" + i)).reason()).isEqualTo(Reason.SIGNATURE_INVALID);
    }
    int lookups = consumers.finds.get();
    Outcome.Rejected throttled = rejection(requestToken(gate, SECRET));
    assertThat(throttled.reason()).isEqualTo(Reason.THROTTLED);
    assertThat(throttled.scheme()).isEqualTo(OAuthProvider.SCHEME);
    assertThat(throttled.retryAfterSeconds()).isEqualTo(30);
    assertThat(gate.deny(TestSigner.post("/x", 0, KEY, SECRET, null, null, Map.of()), throttled).body().text())
        .startsWith("oauth_problem=too_many_attempts&");
    assertThat(consumers.finds.get()).as("no signature checked").isEqualTo(lookups);

    clock.advance(Duration.ofSeconds(31));
    assertThat(requestToken(gate, SECRET)).isInstanceOf(ProviderResult.Issued.class);
    assertThat(limiter.counts(new AttemptKey("OAuth", KEY, "127.0.0.1")).pair().failures())
        .as("the success cleared the pair").isZero();
  }

  @Test
  void aWrongVerifierCountsAgainstTheConsumerAndAddressAndTheToken() {
    Gate gate = gate(true);
    Map<String, String> rt = issued(requestToken(gate, SECRET));
    Approval approval = provider.authorize(rt.get("oauth_token"), "demo_user").orElseThrow();
    ProviderResult wrong = provider.exchange(TestSigner.post("/1.0/oauth/access_token", clock.instant().getEpochSecond(),
        KEY, SECRET, rt.get("oauth_token"), rt.get("oauth_token_secret"), Map.of("oauth_verifier", "WRONG")), gate);
    assertThat(rejection(wrong).reason()).isEqualTo(Reason.VERIFIER_INVALID);
    assertThat(limiter.counts(new AttemptKey("OAuth", KEY, "127.0.0.1")).pair().failures()).isEqualTo(1);
    assertThat(tokens.find(rt.get("oauth_token")).verifierFailures()).isEqualTo(1);

    ProviderResult right = provider.exchange(TestSigner.post("/1.0/oauth/access_token", clock.instant().getEpochSecond(),
        KEY, SECRET, rt.get("oauth_token"), rt.get("oauth_token_secret"), Map.of("oauth_verifier", approval.verifier())),
        gate);
    assertThat(right).isInstanceOf(ProviderResult.Issued.class);
    assertThat(limiter.counts(new AttemptKey("OAuth", KEY, "127.0.0.1")).pair().failures()).isZero();
  }

  @Test
  void aGateWithoutLimiterChangesNothing() {
    Gate gate = gate(false);
    for (int i = 0; i < 10; i++) {
      assertThat(rejection(requestToken(gate, "guess" + i)).reason()).isEqualTo(Reason.SIGNATURE_INVALID);
    }
    assertThat(requestToken(gate, SECRET)).isInstanceOf(ProviderResult.Issued.class);
  }

  private static Map<String, String> issued(ProviderResult r) {
    assertThat(r).isInstanceOf(ProviderResult.Issued.class);
    Map<String, String> m = new java.util.LinkedHashMap<>();
    ((ProviderResult.Issued) r).params().forEach(p -> m.put(p.name(), p.value()));
    return m;
  }
}
