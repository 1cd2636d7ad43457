package dev.portcullis.core.oauth1.provider;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import dev.portcullis.core.spi.oauth1.PublicApp;

import dev.portcullis.core.spi.oauth1.UserDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.Reason;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SignatureMethod;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.core.spi.StoreMaintenance;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OAuthProviderTest {
  private static final String KEY = "demo_consumer_key";
  private static final String SECRET = "demo_consumer_secret";
  private static final UserDirectory USERS = InMemoryUserDirectory.builder().iterations(10_000)
      .user("demo_user", "demo_password".toCharArray())
      .user("other_user", "other_password".toCharArray())
      .build();

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final InMemoryConsumerStore consumers = new InMemoryConsumerStore();
  private final InMemoryOAuthTokenStore tokens = new InMemoryOAuthTokenStore();
  private final OAuthProvider provider;

  OAuthProviderTest() {
    consumers.save(Consumer.builder(KEY, ProtectedSecret.plain(SECRET))
        .displayName("Demo <Mailer>")
        .callbacks(List.of("http://localhost:*", "oob"))
        .build());
    OAuth1Verifier verifier = OAuth1Verifier.builder().consumers(consumers).tokens(tokens)
        .replayGuard(new InMemoryReplayGuard(clock, 10_000)).clock(clock).realm("test").build();
    this.verifier = verifier;
    provider = providerBuilder().build();
  }

  private final OAuth1Verifier verifier;

  /** The provider as the test builds it, over the verifier's stores and clock. */
  private OAuthProvider.Builder providerBuilder() {
    return OAuthProvider.builder().verifier(verifier).users(USERS)
        .publicApps(PublicAppRegistry.of(List.of(new PublicApp("bec40eec", KEY))))
        .accountOf(u -> u.equals("demo_user") ? "1" : "2");
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private Map<String, String> issued(ProviderResult r) {
    assertThat(r).isInstanceOf(ProviderResult.Issued.class);
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (Param p : ((ProviderResult.Issued) r).params()) {
      m.put(p.name(), p.value());
    }
    return m;
  }

  private Reason refused(ProviderResult r) {
    assertThat(r).isInstanceOf(ProviderResult.Refused.class);
    return ((ProviderResult.Refused) r).rejection().reason();
  }

  private Map<String, String> requestToken(String callback) {
    return issued(provider.issueRequestToken(TestSigner.post("/1.0/oauth/request_token", now(), KEY, SECRET,
        null, null, Map.of("oauth_callback", callback))));
  }

  private ProviderResult exchange(String token, String tokenSecret, String verifier) {
    return exchange(provider, token, tokenSecret, verifier);
  }

  private ProviderResult exchange(OAuthProvider provider, String token, String tokenSecret, String verifier) {
    return provider.exchange(TestSigner.post("/1.0/oauth/access_token", now(), KEY, SECRET, token, tokenSecret,
        Map.of("oauth_verifier", verifier)));
  }

  @Test
  void threeLeggedFlowWithACallbackThatHasAQuery() {
    Map<String, String> rt = requestToken("http://localhost:9000/cb?state=x%20y");
    assertThat(rt).containsKeys("oauth_token", "oauth_token_secret").containsEntry("oauth_callback_confirmed", "true");
    String token = rt.get("oauth_token");

    PendingAuthorization pending = provider.pending(token).orElseThrow();
    assertThat(pending.applicationName()).isEqualTo("Demo <Mailer>");
    assertThat(pending.outOfBand()).isFalse();

    Approval approval = provider.authorize(token, "demo_user").orElseThrow();
    assertThat(approval.verifier()).hasSize(16);
    assertThat(approval.redirect()).isEqualTo("http://localhost:9000/cb?state=x%20y&oauth_token=" + token
        + "&oauth_verifier=" + approval.verifier());
    assertThat(provider.authorize(token, "other_user")).as("approved once only").isEmpty();

    Map<String, String> at = issued(exchange(token, rt.get("oauth_token_secret"), approval.verifier()));
    assertThat(at).containsOnlyKeys("oauth_token", "oauth_token_secret");
    OAuthToken stored = tokens.find(at.get("oauth_token"));
    assertThat(stored.user()).isEqualTo("demo_user");
    assertThat(stored.account()).isEqualTo("1");
    assertThat(stored.secret().revealString()).isEqualTo(at.get("oauth_token_secret"));

    assertThat(refused(exchange(token, rt.get("oauth_token_secret"), approval.verifier())))
        .as("second exchange").isEqualTo(Reason.TOKEN_USED);
  }

  @Test
  void outOfBandShowsTheVerifierInsteadOfRedirecting() {
    String token = requestToken("oob").get("oauth_token");
    assertThat(provider.pending(token).orElseThrow().outOfBand()).isTrue();
    Approval a = provider.authorize(token, "demo_user").orElseThrow();
    assertThat(a.outOfBand()).isTrue();
    assertThat(a.toString()).doesNotContain(a.verifier());
  }

  @Test
  void callbackIsRequiredAndMustBeRegistered() {
    ProviderResult none = provider.issueRequestToken(TestSigner.post("/1.0/oauth/request_token", now(), KEY, SECRET,
        null, null, Map.of()));
    assertThat(refused(none)).isEqualTo(Reason.PARAMETER_ABSENT);
    ProviderResult evil = provider.issueRequestToken(TestSigner.post("/1.0/oauth/request_token", now(), KEY, SECRET,
        null, null, Map.of("oauth_callback", "http://localhost.evil.example/cb")));
    assertThat(refused(evil).code()).isEqualTo("parameter_rejected");
    ProviderResult js = provider.issueRequestToken(TestSigner.post("/1.0/oauth/request_token", now(), KEY, SECRET,
        null, null, Map.of("oauth_callback", "javascript:alert(1)")));
    assertThat(refused(js).code()).isEqualTo("parameter_rejected");
  }

  @Test
  void badSignatureAtTheRequestTokenEndpointIsRefused() {
    ProviderResult r = provider.issueRequestToken(TestSigner.post("/1.0/oauth/request_token", now(), KEY, "wrong",
        null, null, Map.of("oauth_callback", "oob")));
    assertThat(refused(r)).isEqualTo(Reason.SIGNATURE_INVALID);
  }

  @Test
  void wrongVerifierFailsWithoutSpendingTheToken() {
    Map<String, String> rt = requestToken("oob");
    String token = rt.get("oauth_token");
    Approval a = provider.authorize(token, "demo_user").orElseThrow();
    assertThat(refused(exchange(token, rt.get("oauth_token_secret"), "not-the-verifier"))).isEqualTo(Reason.VERIFIER_INVALID);
    issued(exchange(token, rt.get("oauth_token_secret"), a.verifier()));
  }

  @Test
  void aStrangerWithoutTheTokenSecretCannotSpendOrRevokeTheToken() {
    Map<String, String> rt = requestToken("oob");
    String token = rt.get("oauth_token");
    Approval a = provider.authorize(token, "demo_user").orElseThrow();
    for (int i = 0; i < 10; i++) {
      assertThat(refused(exchange(token, "guessed-secret", "guess" + i))).isEqualTo(Reason.SIGNATURE_INVALID);
    }
    assertThat(tokens.find(token).state()).isEqualTo(TokenState.AUTHORIZED);
    assertThat(tokens.find(token).verifierFailures()).isZero();
    issued(exchange(token, rt.get("oauth_token_secret"), a.verifier()));
  }

  @Test
  void aWrongVerifierIsCountedOnTheTokenButDoesNotSpendIt() {
    Map<String, String> rt = requestToken("oob");
    String token = rt.get("oauth_token");
    Approval a = provider.authorize(token, "demo_user").orElseThrow();
    assertThat(refused(exchange(token, rt.get("oauth_token_secret"), "wrong"))).isEqualTo(Reason.VERIFIER_INVALID);
    assertThat(tokens.find(token).verifierFailures()).isEqualTo(1);
    assertThat(tokens.find(token).state()).isEqualTo(TokenState.AUTHORIZED);
    issued(exchange(token, rt.get("oauth_token_secret"), a.verifier()));
    assertThat(tokens.find(token).state()).isEqualTo(TokenState.USED);
  }

  @Test
  void tooManyWrongVerifiersRevokeTheRequestToken() {
    OAuthProvider strict = OAuthProvider.builder().verifier(verifier).users(USERS).maxVerifierFailures(2).build();
    Map<String, String> rt = requestToken("oob");
    String token = rt.get("oauth_token");
    Approval a = strict.authorize(token, "demo_user").orElseThrow();
    assertThat(refused(exchange(strict, token, rt.get("oauth_token_secret"), "a"))).isEqualTo(Reason.VERIFIER_INVALID);
    assertThat(refused(exchange(strict, token, rt.get("oauth_token_secret"), "b"))).isEqualTo(Reason.VERIFIER_INVALID);
    assertThat(tokens.find(token).state()).isEqualTo(TokenState.REVOKED);
    assertThat(refused(exchange(strict, token, rt.get("oauth_token_secret"), a.verifier())))
        .isEqualTo(Reason.TOKEN_REJECTED);
  }

  @Test
  void unapprovedTokenCannotBeExchanged() {
    Map<String, String> rt = requestToken("oob");
    assertThat(refused(exchange(rt.get("oauth_token"), rt.get("oauth_token_secret"), "whatever")))
        .isEqualTo(Reason.TOKEN_REJECTED);
  }

  @Test
  void requestTokensExpire() {
    Map<String, String> rt = requestToken("oob");
    String token = rt.get("oauth_token");
    clock.advance(Duration.ofMinutes(10));
    assertThat(provider.pending(token)).isEmpty();
    assertThat(provider.authorize(token, "demo_user")).isEmpty();
  }

  @Test
  void approvedButExpiredTokenCannotBeExchanged() {
    Map<String, String> rt = requestToken("oob");
    Approval a = provider.authorize(rt.get("oauth_token"), "demo_user").orElseThrow();
    clock.advance(Duration.ofMinutes(11));
    assertThat(refused(exchange(rt.get("oauth_token"), rt.get("oauth_token_secret"), a.verifier())))
        .isEqualTo(Reason.OAUTH_TOKEN_EXPIRED);
  }

  @Test
  void denialRevokesTheRequestToken() {
    String token = requestToken("oob").get("oauth_token");
    assertThat(provider.deny(token, "demo_user")).isTrue();
    assertThat(provider.deny(token, "demo_user")).as("decided once").isFalse();
    assertThat(provider.pending(token)).isEmpty();
    assertThat(provider.authorize(token, "demo_user")).isEmpty();
    assertThat(tokens.find(token).state()).isEqualTo(TokenState.REVOKED);
  }

  @Test
  void disabledConsumerCannotBeAuthorized() {
    String token = requestToken("oob").get("oauth_token");
    consumers.save(consumers.find(KEY).withEnabled(false));
    assertThat(provider.pending(token)).isEmpty();
    assertThat(provider.authorize(token, "demo_user")).isEmpty();
  }

  @Test
  void publicAppFlowMintsAConsumerPerUserAndItsCodeExchanges() {
    assertThat(provider.publicAppName("bec40eec")).contains("Demo <Mailer>");
    AuthorizationCode code = provider.authorizeApp("bec40eec", "demo_user").orElseThrow();
    String[] parts = code.render().split("\\|", -1);
    assertThat(parts).hasSize(5);
    assertThat(parts[0]).isNotEqualTo(KEY);
    assertThat(code.toString()).doesNotContain(code.consumerSecret()).doesNotContain(code.tokenSecret())
        .doesNotContain(code.verifier());
    Consumer minted = consumers.find(parts[0]);
    assertThat(minted.displayName()).isEqualTo("Demo <Mailer>");
    assertThat(minted.methods()).doesNotContain(SignatureMethod.RSA_SHA1);

    AuthorizationCode other = provider.authorizeApp("bec40eec", "other_user").orElseThrow();
    assertThat(other.consumerKey()).isNotEqualTo(code.consumerKey());
    assertThat(other.consumerSecret()).isNotEqualTo(code.consumerSecret());

    Map<String, String> at = issued(provider.exchange(TestSigner.post("/1.0/oauth/access_token", now(),
        parts[0], parts[1], parts[2], parts[3], Map.of("oauth_verifier", parts[4]))));
    OAuthToken access = tokens.find(at.get("oauth_token"));
    assertThat(access.user()).isEqualTo("demo_user");
    assertThat(access.consumerKey()).isEqualTo(parts[0]);
    // The minted key is not the app's: it cannot exchange another user's code.
    assertThat(refused(provider.exchange(TestSigner.post("/1.0/oauth/access_token", now(),
        parts[0], parts[1], other.requestToken(), other.tokenSecret(), Map.of("oauth_verifier", other.verifier())))))
        .isIn(Reason.TOKEN_REJECTED, Reason.SIGNATURE_INVALID);
  }

  @Test
  void unknownOrMalformedAppIdsGiveNothing() {
    assertThat(provider.publicAppName("deadbeef")).isEmpty();
    assertThat(provider.publicAppName("BEC40EEC")).isEmpty();
    assertThat(provider.authorizeApp("../../x", "demo_user")).isEmpty();
    assertThat(provider.authorizeApp("deadbeef", "demo_user")).isEmpty();
  }

  @Test
  void accessTokensAreListedAndRevokedPerUser() {
    Map<String, String> rt = requestToken("oob");
    Approval a = provider.authorize(rt.get("oauth_token"), "demo_user").orElseThrow();
    String access = issued(exchange(rt.get("oauth_token"), rt.get("oauth_token_secret"), a.verifier())).get("oauth_token");
    List<AccessGrant> grants = provider.accessTokens("demo_user");
    assertThat(grants).extracting(AccessGrant::token).containsExactly(access);
    assertThat(provider.accessTokens("other_user")).isEmpty();
    assertThat(provider.revoke("other_user", access)).as("not theirs").isFalse();
    assertThat(provider.revoke("demo_user", access)).isTrue();
    assertThat(provider.accessTokens("demo_user")).singleElement().extracting(AccessGrant::revoked).isEqualTo(true);
  }

  @Test
  void aPublicAppConsumerNobodyExchangesIsPurgedByStoreMaintenance() {
    AuthorizationCode code = provider.authorizeApp("bec40eec", "demo_user").orElseThrow();
    Consumer minted = consumers.find(code.consumerKey());
    assertThat(minted.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    StoreMaintenance.shared().runOnce();
    assertThat(consumers.find(code.consumerKey())).as("still live").isNotNull();

    clock.advance(Duration.ofMinutes(10));
    // expired but not yet purged: refused like an unknown consumer
    assertThat(refused(provider.exchange(TestSigner.post("/1.0/oauth/access_token", now(), code.consumerKey(),
        code.consumerSecret(), code.requestToken(), code.tokenSecret(), Map.of("oauth_verifier", code.verifier())))))
        .isEqualTo(Reason.CONSUMER_KEY_UNKNOWN);
    // the provider registered the verifier's consumer store with the shared maintenance, on its clock
    StoreMaintenance.shared().runOnce();
    assertThat(consumers.find(code.consumerKey())).as("purged").isNull();
    assertThat(tokens.find(code.requestToken())).as("its request token too").isNull();
    assertThat(consumers.find(KEY)).as("registered consumers never expire").isNotNull();
  }

  @Test
  void anExchangedPublicAppConsumerLivesAsLongAsItsAccessToken() {
    AuthorizationCode forever = provider.authorizeApp("bec40eec", "demo_user").orElseThrow();
    issued(provider.exchange(TestSigner.post("/1.0/oauth/access_token", now(), forever.consumerKey(),
        forever.consumerSecret(), forever.requestToken(), forever.tokenSecret(),
        Map.of("oauth_verifier", forever.verifier()))));
    assertThat(consumers.find(forever.consumerKey()).expiresAt()).as("access tokens live until revoked").isNull();

    OAuthProvider daily = OAuthProvider.builder().verifier(verifier).users(USERS)
        .publicApps(PublicAppRegistry.of(List.of(new PublicApp("bec40eec", KEY))))
        .accessTokenLifetime(Duration.ofDays(1)).build();
    AuthorizationCode code = daily.authorizeApp("bec40eec", "other_user").orElseThrow();
    issued(daily.exchange(TestSigner.post("/1.0/oauth/access_token", now(), code.consumerKey(),
        code.consumerSecret(), code.requestToken(), code.tokenSecret(), Map.of("oauth_verifier", code.verifier()))));
    assertThat(consumers.find(code.consumerKey()).expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(1)));

    clock.advance(Duration.ofHours(1));
    consumers.purgeExpired(clock.instant());
    assertThat(consumers.find(forever.consumerKey())).isNotNull();
    assertThat(consumers.find(code.consumerKey())).as("outlives its request token").isNotNull();
    clock.advance(Duration.ofDays(1));
    consumers.purgeExpired(clock.instant());
    assertThat(consumers.find(code.consumerKey())).as("gone with its access token").isNull();
    assertThat(consumers.find(forever.consumerKey())).isNotNull();
  }

  @Test
  void aConsumerStoreDownAtExchangeLeavesThePublicAppTokenUnspent() {
    InMemoryConsumerStore backing = new InMemoryConsumerStore();
    backing.save(consumers.find(KEY));
    boolean[] down = {false};
    ConsumerStore flaky = new ConsumerStore() {
      @Override public Consumer find(String key) { return backing.find(key); }
      @Override public boolean addIfAbsent(Consumer c) { return backing.addIfAbsent(c); }
      @Override public boolean remove(String key) { return backing.remove(key); }
      @Override public int purgeExpired(Instant now) { return backing.purgeExpired(now); }
      @Override public void save(Consumer c) {
        if (down[0]) {
          throw new StoreUnavailableException("consumer store down");
        }
        backing.save(c);
      }
    };
    OAuth1Verifier v = OAuth1Verifier.builder().consumers(flaky).tokens(tokens)
        .replayGuard(new InMemoryReplayGuard(clock, 10_000)).clock(clock).realm("test").build();
    OAuthProvider p = OAuthProvider.builder().verifier(v).users(USERS)
        .publicApps(PublicAppRegistry.of(List.of(new PublicApp("bec40eec", KEY)))).build();
    AuthorizationCode code = p.authorizeApp("bec40eec", "demo_user").orElseThrow();
    down[0] = true;
    assertThatThrownBy(() -> p.exchange(TestSigner.post("/1.0/oauth/access_token", now(), code.consumerKey(),
        code.consumerSecret(), code.requestToken(), code.tokenSecret(), Map.of("oauth_verifier", code.verifier()))))
        .isInstanceOf(StoreUnavailableException.class);
    assertThat(tokens.find(code.requestToken()).state()).as("not spent: the client may retry").isEqualTo(TokenState.AUTHORIZED);
    down[0] = false;
    issued(p.exchange(TestSigner.post("/1.0/oauth/access_token", now(), code.consumerKey(),
        code.consumerSecret(), code.requestToken(), code.tokenSecret(), Map.of("oauth_verifier", code.verifier()))));
  }

  @Test
  void builderRefusesASettingGivenTwice() {
    assertThatThrownBy(() -> providerBuilder().verifier(verifier)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("verifier");
    assertThatThrownBy(() -> providerBuilder().users(USERS)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OAuthProvider.builder().verifierLength(10).verifierLength(12))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OAuthProvider.builder().maxVerifierFailures(3).maxVerifierFailures(3))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderRefusesMissingPartsAndBadSettings() {
    assertThatThrownBy(() -> OAuthProvider.builder().users(USERS).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OAuthProvider.builder().verifier(verifier).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> OAuthProvider.builder().verifierLength(4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OAuthProvider.builder().maxVerifierFailures(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OAuthProvider.builder().requestTokenLifetime(Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Optional.of(provider.toString())).get().asString().doesNotContain(SECRET);
  }
}
