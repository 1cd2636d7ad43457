package dev.portcullis.core.oauth1;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SignatureMethod;

import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.ReplayGuard;
import java.security.PublicKey;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Stores, clock and a verifier holding one consumer, one access token and one approved request token. */
final class Fixture {
  static final long NOW = 1_700_000_000L;
  static final String CK = "ck_demo";
  static final String CS = "cs+secret&1";
  static final String AT = "at_live";
  static final String ATS = "ats_secret";
  static final String RT = "rt_approved";
  static final String RTS = "rts_secret";
  static final String VERIFIER = "v3r1f13r";
  static final String URL = "http://api.example.com/1.0/accounts?b=2&a=1";

  final TestClock clock = TestClock.atEpochSecond(NOW);
  final InMemoryConsumerStore consumers = new InMemoryConsumerStore();
  final InMemoryOAuthTokenStore tokens = new InMemoryOAuthTokenStore();
  final InMemoryReplayGuard guard = new InMemoryReplayGuard(clock, 10_000);
  private final AtomicLong nonces = new AtomicLong();

  Fixture() {
    PublicKey rsa = RsaKeys.readPublicKey(Vectors.text("oauthnet-rsa-cert.pem"), 1024);
    consumers.save(Consumer.builder(CK, ProtectedSecret.plain(CS)).displayName("Demo")
        .rsaKey(rsa).callbacks(List.of("http://localhost:*", "oob")).build());
    consumers.save(Consumer.builder("ck_sha1_only", ProtectedSecret.plain("s1"))
        .methods(EnumSet.of(SignatureMethod.HMAC_SHA1)).build());
    consumers.save(Consumer.builder("ck_disabled", ProtectedSecret.plain("sd")).enabled(false).build());
    Instant now = clock.instant();
    tokens.save(OAuthToken.access(AT, ProtectedSecret.plain(ATS), CK, "jane", "1", now, null));
    tokens.save(OAuthToken.request(RT, ProtectedSecret.plain(RTS), CK, "oob", now, now.plusSeconds(600))
        .authorize("jane", "1", VERIFIER));
  }

  OAuth1Verifier verifier() {
    return builder().build();
  }

  OAuth1Verifier.Builder builder() {
    return builder(guard);
  }

  OAuth1Verifier.Builder builder(ReplayGuard replayGuard) {
    return OAuth1Verifier.builder().consumers(consumers).tokens(tokens).replayGuard(replayGuard)
        .clock(clock).realm("Email lists");
  }

  String nonce() {
    return "n" + nonces.incrementAndGet();
  }

  long now() {
    return clock.instant().getEpochSecond();
  }

  /** A GET on {@link #URL} signed with the consumer and the access token, at the clock's now. */
  SignedRequest access() {
    return access("GET", URL);
  }

  SignedRequest access(String method, String url) {
    return SignedRequest.of(method, url).consumer(CK, CS).token(AT, ATS).at(now(), nonce());
  }

  SignedRequest exchange(String verifier) {
    return SignedRequest.of("POST", "http://api.example.com/1.0/oauth/access_token")
        .consumer(CK, CS).token(RT, RTS).param("oauth_verifier", verifier).at(now(), nonce());
  }

  SignedRequest initiate(String callback) {
    return SignedRequest.of("POST", "http://api.example.com/1.0/oauth/request_token")
        .consumer(CK, CS).param("oauth_callback", callback).at(now(), nonce());
  }
}
