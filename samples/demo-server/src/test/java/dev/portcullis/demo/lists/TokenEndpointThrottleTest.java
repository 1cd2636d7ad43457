package dev.portcullis.demo.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1RequestToken;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import dev.portcullis.testing.RawClient;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's {@code /1.0/oauth/request_token} guessed at as issue 9 §2 describes, over real sockets:
 * consumer-secret guesses from 127.0.0.2 (form-body requests signed with wrong secrets) end in 429
 * under the demo's default policy (the pair blocked from its 5th failure), while ScribeJava at
 * 127.0.0.1 still gets its request token, and the admin port's /metrics counts the throttles.
 */
class TokenEndpointThrottleTest {
  private DemoServer server;
  private String url;

  @BeforeEach
  void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).adminPort(0).build(),
        List.of(new EmailListsApi()));
    url = "http://127.0.0.1:" + server.httpPort() + "/1.0/oauth/request_token";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A request-token POST whose OAuth parameters, signed with {@code secret}, travel in the form body. */
  private RawClient.Response guess(RawClient from, String secret) throws Exception {
    Map<String, String> params = Map.of("oauth_callback", "oob", "oauth_consumer_key", DemoLists.CONSUMER_KEY,
        "oauth_nonce", UUID.randomUUID().toString(), "oauth_signature_method", "HMAC-SHA1",
        "oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000), "oauth_version", "1.0");
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : FormSigner.signedBody(url, params, secret, "").split("&")) {
      int eq = pair.indexOf('=');
      form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return from.post(URI.create(url), Map.of(), form);
  }

  @Test
  void guessingTheConsumerSecretEndsIn429WhileTheRealClientElsewhereGetsItsRequestToken() throws Exception {
    RawClient attacker = new RawClient("127.0.0.2");
    for (int i = 0; i < 5; i++) {
      RawClient.Response r = guess(attacker, "guess-" + i);
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(r.body()).startsWith("oauth_problem=signature_invalid");
    }
    RawClient.Response throttled = guess(attacker, "guess-5");
    assertThat(throttled.status()).as(throttled.body()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).matches("[1-9][0-9]*");
    assertThat(throttled.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(throttled.body()).startsWith("oauth_problem=too_many_attempts&oauth_problem_advice=");
    assertThat(guess(attacker, DemoLists.CONSUMER_SECRET).status())
        .as("even the right secret waits at the guesser's address").isEqualTo(429);

    OAuth1RequestToken rt = new ServiceBuilder(DemoLists.CONSUMER_KEY).apiSecret(DemoLists.CONSUMER_SECRET)
        .callback("oob").build(new Api("http://127.0.0.1:" + server.httpPort())).getRequestToken();
    assertThat(rt.getToken()).isNotEmpty();

    HttpResponse<String> metrics = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body())
        .containsPattern("portcullis_auth_outcomes_total\\{outcome=\"refused\",reason=\"signature_invalid\","
            + "scheme=\"OAuth\",status=\"401\"} 5\\.0")
        .containsPattern("portcullis_auth_outcomes_total\\{outcome=\"throttled\",reason=\"throttled\","
            + "scheme=\"OAuth\",status=\"429\"} 2\\.0")
        .doesNotContain("guess-");
  }

  /** ScribeJava's view of the demo's provider endpoints. */
  private static final class Api extends DefaultApi10a {
    private final String base;

    Api(String base) {
      this.base = base;
    }

    @Override public String getRequestTokenEndpoint() { return base + "/1.0/oauth/request_token"; }
    @Override public String getAccessTokenEndpoint() { return base + "/1.0/oauth/access_token"; }
    @Override protected String getAuthorizationBaseUrl() { return base + "/1.0/oauth/authorize"; }
  }
}
