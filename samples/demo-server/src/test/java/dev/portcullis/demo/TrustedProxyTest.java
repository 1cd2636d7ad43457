package dev.portcullis.demo;

import static dev.portcullis.demo.DemoClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --trusted-proxy}: a TLS-terminating proxy on a trusted address may say the client used
 * HTTPS; the same header from anybody else changes nothing.
 */
class TrustedProxyTest {
  static DemoServer trusting;
  static DemoServer untrusting;

  @BeforeAll
  static void start() throws Exception {
    trusting = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).trustedProxy("127.0.0.0/8").build());
    untrusting = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).trustedProxy("10.9.9.9").build());
  }

  @AfterAll
  static void stop() throws Exception {
    trusting.stop();
    untrusting.stop();
  }

  @Test
  void forwardedProtoFromATrustedProxyCounts() throws Exception {
    DemoClient c = new DemoClient(trusting);
    String url = c.http("/v2/items?key=key_demo_index");
    assertThat(c.send("GET", url, basic("demo_api_token"), null, "X-Forwarded-Proto", "https").statusCode()).isEqualTo(200);
    assertThat(c.send("GET", url, basic("demo_api_token"), null, "Forwarded", "for=203.0.113.7;proto=https").statusCode())
        .isEqualTo(200);
    // the proxy saying http, or saying nothing, leaves the request insecure
    assertThat(c.send("GET", url, basic("demo_api_token"), null, "X-Forwarded-Proto", "http").statusCode()).isEqualTo(403);
    assertThat(c.get(url, basic("demo_api_token")).statusCode()).isEqualTo(403);
  }

  @Test
  void forwardedProtoFromAnUntrustedPeerIsIgnored() throws Exception {
    DemoClient c = new DemoClient(untrusting);
    HttpResponse<String> r = c.send("GET", c.http("/v2/items?key=key_demo_index"), basic("demo_api_token"), null,
        "X-Forwarded-Proto", "https");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("HTTPS is required");
    assertThat(c.send("GET", c.http("/v2/items?key=key_demo_index"), basic("demo_api_token"), null,
        "Forwarded", "proto=https").statusCode()).isEqualTo(403);
  }
}
