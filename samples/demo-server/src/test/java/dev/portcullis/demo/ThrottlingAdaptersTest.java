package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 429 through the JAX-RS adapter (catalog, Basic over HTTPS) and through the servlet filter with
 * the OAuth problem body (email lists), with the JDK's HttpClient on real sockets.
 */
class ThrottlingAdaptersTest {
  private static DemoServer server;
  private static DemoClient client;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build());
    client = new DemoClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void sprayingTokensAtTheCatalogEndsIn429WithTheJsonBody() throws Exception {
    String url = client.https("/v2/items?key=key_demo_index");
    for (int i = 0; i < 20; i++) {
      assertThat(client.get(url, DemoClient.basic("sprayed_token_" + i)).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> r = client.get(url, DemoClient.basic("demo_api_token"));
    assertThat(r.statusCode()).as("even the right token waits at the sprayer's address").isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("[1-9][0-9]*"));
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(r.body()).contains("\"status\":429").contains("too_many_attempts").doesNotContain("demo_api_token");
    assertThat(r.headers().allValues("WWW-Authenticate")).isEmpty();
  }

  @Test
  void guessingOAuthTokensEndsIn429WithAnOAuthProblem() throws Exception {
    String url = client.http("/1.0/accounts/1/lists/1/campaigns");
    HttpResponse<String> r = null;
    for (int i = 0; i < 6; i++) {
      long now = System.currentTimeMillis() / 1000;
      String header = "OAuth oauth_consumer_key=\"demo_consumer_key\", oauth_token=\"guessed" + i + "\", "
          + "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"" + now + "\", oauth_nonce=\"n" + i
          + "\", oauth_version=\"1.0\", oauth_signature=\"AAAA\"";
      r = client.get(url, header);
      if (i < 5) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("oauth_problem=token_rejected");
      }
    }
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/x-www-form-urlencoded"));
    assertThat(r.body()).startsWith("oauth_problem=too_many_attempts&oauth_problem_advice=");
  }
}
