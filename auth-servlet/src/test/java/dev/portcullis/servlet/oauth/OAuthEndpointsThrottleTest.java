package dev.portcullis.servlet.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.testing.RawClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failed signatures at the token endpoints go through the gate's limiter (issue 9 §2), over a real
 * socket: the attacker is a {@link RawClient} at 127.0.0.2 sending requests ScribeJava signed, the
 * real client is ScribeJava itself at 127.0.0.1. The gate blocks the pair from the 3rd failure.
 */
class OAuthEndpointsThrottleTest {
  private TestProvider server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private void start(boolean limited) throws Exception {
    server = new TestProvider(List.of(),
        limited ? new InMemoryAttemptLimiter(Clock.systemUTC(), InMemoryAttemptLimiter.DEFAULT_CELLS_PER_ROW) : null);
  }

  /** A request-token request signed by ScribeJava with {@code secret}, sent from {@code from}. */
  private RawClient.Response requestToken(RawClient from, String secret) throws Exception {
    return requestToken(from, secret, null);
  }

  /** As above, with {@code X-Forwarded-For: forwardedFor} unless null. */
  private RawClient.Response requestToken(RawClient from, String secret, String forwardedFor) throws Exception {
    OAuth10aService signer = server.scribe(TestProvider.KEY, secret, "oob");
    OAuthRequest req = new OAuthRequest(Verb.POST, server.uri("/1.0/oauth/request_token").toString());
    req.addOAuthParameter("oauth_callback", "oob");
    signer.signRequest(new OAuth1AccessToken("", ""), req); // empty: no oauth_token
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", req.getHeaders().get("Authorization"));
    if (forwardedFor != null) {
      headers.put("X-Forwarded-For", forwardedFor);
    }
    return from.post(server.uri("/1.0/oauth/request_token"), headers, Map.of());
  }

  /** An access-token request signed with the consumer's and the request token's secrets. */
  private RawClient.Response exchange(RawClient from, OAuth1RequestToken rt, String verifier) throws Exception {
    OAuth10aService signer = server.scribe(TestProvider.KEY, TestProvider.SECRET, "oob");
    OAuthRequest req = new OAuthRequest(Verb.POST, server.uri("/1.0/oauth/access_token").toString());
    req.addOAuthParameter("oauth_verifier", verifier);
    signer.signRequest(new OAuth1AccessToken(rt.getToken(), rt.getTokenSecret()), req);
    return from.post(server.uri("/1.0/oauth/access_token"),
        Map.of("Authorization", req.getHeaders().get("Authorization")), Map.of());
  }

  @Test
  void badSignaturesFromOneAddressEndIn429WhileTheRealClientElsewhereGetsItsRequestToken() throws Exception {
    start(true);
    RawClient attacker = new RawClient("127.0.0.2");
    for (int i = 0; i < 3; i++) {
      RawClient.Response r = requestToken(attacker, "guessed_secret_" + i);
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(r.body()).startsWith("oauth_problem=signature_invalid");
    }
    RawClient.Response throttled = requestToken(attacker, "guessed_secret_3");
    assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).matches("[1-9][0-9]*");
    assertThat(throttled.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(throttled.body()).startsWith("oauth_problem=too_many_attempts&oauth_problem_advice=");
    assertThat(throttled.header("WWW-Authenticate")).isNull();

    // the pair is refused before anything is verified: even the right secret waits
    assertThat(requestToken(attacker, TestProvider.SECRET).status()).isEqualTo(429);

    // the owner, from another address, is not held back
    OAuth1RequestToken rt = server.scribe(TestProvider.KEY, TestProvider.SECRET, "oob").getRequestToken();
    assertThat(rt.getToken()).isNotEmpty();
    assertThat(rt.isOauthCallbackConfirmed()).isTrue();

    assertThat(server.events).filteredOn(e -> e instanceof SecurityEvent.Throttled)
        .hasSize(2)
        .allSatisfy(e -> {
          SecurityEvent.Throttled t = (SecurityEvent.Throttled) e;
          assertThat(t.scheme()).isEqualTo("OAuth");
          assertThat(t.identifier()).isEqualTo(TestProvider.KEY);
          assertThat(t.address()).isEqualTo("127.0.0.2");
        });
    assertThat(server.events).filteredOn(e -> e instanceof SecurityEvent.Refused).hasSize(3);
    assertThat(server.events).filteredOn(e -> e instanceof SecurityEvent.Authenticated).hasSize(1);
  }

  @Test
  void aSuccessClearsThePair() throws Exception {
    start(true);
    RawClient client = new RawClient("127.0.0.2");
    assertThat(requestToken(client, "typo_1").status()).isEqualTo(401);
    assertThat(requestToken(client, "typo_2").status()).isEqualTo(401);
    assertThat(requestToken(client, TestProvider.SECRET).status()).isEqualTo(200);
    // two more failures after the reset stay under the pair's limit of 3
    assertThat(requestToken(client, "typo_3").status()).isEqualTo(401);
    assertThat(requestToken(client, "typo_4").status()).isEqualTo(401);
    assertThat(requestToken(client, TestProvider.SECRET).status()).isEqualTo(200);
  }

  @Test
  void wrongVerifiersAtTheExchangeCountAgainstTheConsumerAndAddress() throws Exception {
    start(true);
    OAuth10aService scribe = server.scribe(TestProvider.KEY, TestProvider.SECRET, server.callback());
    OAuth1RequestToken rt = scribe.getRequestToken();
    String verifier = server.approveInBrowser(rt, scribe, "demo_user", "demo_password");
    RawClient guesser = new RawClient("127.0.0.2");
    for (int i = 0; i < 3; i++) {
      RawClient.Response r = exchange(guesser, rt, "WRONGVERIFIER" + i);
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(r.body()).startsWith("oauth_problem=verifier_invalid");
    }
    RawClient.Response throttled = exchange(guesser, rt, verifier);
    assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
    assertThat(throttled.body()).startsWith("oauth_problem=too_many_attempts");

    // the throttled attempt spent nothing: the token (3 wrong verifiers of 5) still exchanges elsewhere
    OAuth1AccessToken at = scribe.getAccessToken(rt, verifier);
    assertThat(at.getToken()).isNotEqualTo(rt.getToken());
  }

  @Test
  void behindATrustedProxyTheForwardedAddressCountsAndFromAnyoneElseItIsIgnored() throws Exception {
    server = new TestProvider(List.of("127.0.0.1"),
        new InMemoryAttemptLimiter(Clock.systemUTC(), InMemoryAttemptLimiter.DEFAULT_CELLS_PER_ROW));
    RawClient proxy = new RawClient("127.0.0.1");
    for (int i = 0; i < 3; i++) {
      assertThat(requestToken(proxy, "guess" + i, "203.0.113.7").status()).isEqualTo(401);
    }
    assertThat(requestToken(proxy, TestProvider.SECRET, "203.0.113.7").status()).isEqualTo(429);
    assertThat(requestToken(proxy, TestProvider.SECRET, "198.51.100.9").status())
        .as("another client behind the same proxy").isEqualTo(200);

    // an untrusted peer cannot pick a fresh address per guess
    RawClient direct = new RawClient("127.0.0.2");
    for (int i = 0; i < 3; i++) {
      assertThat(requestToken(direct, "guess" + i, "192.0.2." + i).status()).isEqualTo(401);
    }
    assertThat(requestToken(direct, TestProvider.SECRET, "192.0.2.99").status()).isEqualTo(429);
    assertThat(server.events).filteredOn(e -> e instanceof SecurityEvent.Throttled)
        .extracting(e -> ((SecurityEvent.Throttled) e).address())
        .containsExactly("203.0.113.7", "127.0.0.2");
  }

  @Test
  void withoutLimiterNothingChanges() throws Exception {
    start(false);
    RawClient attacker = new RawClient("127.0.0.2");
    for (int i = 0; i < 6; i++) {
      RawClient.Response r = requestToken(attacker, "guessed_secret_" + i);
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(r.body()).startsWith("oauth_problem=signature_invalid");
      assertThat(r.header("Retry-After")).isNull();
    }
    RawClient.Response ok = requestToken(attacker, TestProvider.SECRET);
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.body()).contains("oauth_callback_confirmed=true");
    assertThat(server.events).isEmpty();
  }
}
