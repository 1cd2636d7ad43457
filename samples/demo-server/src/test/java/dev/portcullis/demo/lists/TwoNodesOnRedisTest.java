package dev.portcullis.demo.lists;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import dev.portcullis.testing.servers.RedisServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two demo nodes started with {@code --redis} on one real Redis, behind a "load balancer" (both
 * trust 127.0.0.1's forwarding headers, so both see the same public URL): an OAuth request that
 * node A accepted, replayed to node B, is refused as a used nonce.
 */
class TwoNodesOnRedisTest {
  private static final String PUBLIC = "http://api.example.com/1.0/oauth/request_token";
  private static DemoServer nodeA;
  private static DemoServer nodeB;

  @BeforeAll
  static void start() throws Exception {
    String redis = RedisServer.shared().uri();
    nodeA = DemoServer.start(settings(redis), List.of(new EmailListsApi()));
    nodeB = DemoServer.start(settings(redis), List.of(new EmailListsApi()));
  }

  private static DemoSettings settings(String redis) {
    return DemoSettings.builder().httpPort(0).httpsPort(0).trustedProxy("127.0.0.1").redis(redis).build();
  }

  @AfterAll
  static void stop() {
    nodeA.close();
    nodeB.close();
  }

  private static HttpResponse<String> post(DemoServer node, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.httpPort() + "/1.0/oauth/request_token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-Proto", "http").header("X-Forwarded-Host", "api.example.com")
            .header("X-Forwarded-Port", "80")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String signedRequestTokenBody() {
    Map<String, String> params = new HashMap<>(Map.of(
        "oauth_callback", "oob", "oauth_consumer_key", "demo_consumer_key",
        "oauth_nonce", UUID.randomUUID().toString(), "oauth_signature_method", "HMAC-SHA1",
        "oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000), "oauth_version", "1.0"));
    return FormSigner.signedBody(PUBLIC, params, "demo_consumer_secret", "");
  }

  @Test
  void anOAuthRequestAcceptedByNodeAAndReplayedToNodeBIsANonceUsed() throws Exception {
    String body = signedRequestTokenBody();
    HttpResponse<String> onA = post(nodeA, body);
    assertThat(onA.statusCode()).as(onA.body()).isEqualTo(200);
    HttpResponse<String> onB = post(nodeB, body);
    assertThat(onB.statusCode()).as(onB.body()).isEqualTo(401);
    assertThat(onB.body()).contains("nonce_used");
    HttpResponse<String> fresh = post(nodeB, signedRequestTokenBody());
    assertThat(fresh.statusCode()).as("node B takes its own request: " + fresh.body()).isEqualTo(200);
  }
}
