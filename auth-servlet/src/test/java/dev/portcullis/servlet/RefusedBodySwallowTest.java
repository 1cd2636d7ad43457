package dev.portcullis.servlet;

import dev.portcullis.core.http.AdapterOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Operation;
import dev.portcullis.testing.JettyHarness;
import jakarta.servlet.DispatcherType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A refusal must reach the client even when the request carried a body the filter never read.
 * Without swallowing, Jetty closes the connection over the unread bytes, the kernel answers with a
 * TCP reset, and the JDK client intermittently sees "connection reset", "broken pipe" or "header
 * parser received no bytes" instead of the 401/403: with the swallow disabled, both 200-round loops
 * failed within a few dozen rounds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedBodySwallowTest {
  private static final int ROUNDS = 200;
  private JettyHarness jetty;
  private HttpClient client;

  @BeforeAll
  void start() throws Exception {
    AuthFilter filter = AuthFilter.builder()
        .gate(Gate.builder().scheme(new TestScheme()).build())
        .rule(Rule.of("POST", "/v2/items", "items", Operation.WRITE).resourceFromQuery("key"))
        .options(AdapterOptions.builder().maxBodyBytes(64).build())
        .build();
    jetty = JettyHarness.builder().https().context(ctx -> {
      ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    }).start();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(JettyHarness.trustAllSslContext()).build();
  }

  @AfterAll
  void stop() {
    jetty.close();
  }

  private HttpResponse<String> post(URI uri, byte[] body, String authorization, boolean expectContinue)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).expectContinue(expectContinue)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] body(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  /** 300 bytes to about 32 KiB, spread so that every round differs. */
  private static int size(int round) {
    return 300 + (round * 7919) % 32_500;
  }

  private void manyRefusals(boolean https) {
    for (int i = 0; i < ROUNDS; i++) {
      URI uri = https ? jetty.httpsUri("/v2/items?key=k1") : jetty.uri("/v2/items?key=k1");
      boolean anonymous = i % 2 == 0;
      int expected = anonymous ? 401 : 403;
      HttpResponse<String> r;
      try {
        // Anonymous: 401 before anything reads the body. Authenticated without items(w): 403.
        r = post(uri, body(size(i)), anonymous ? null : "Test reader;grant=items:r:k1", false);
      } catch (Exception e) {
        throw new AssertionError("round " + i + " (" + size(i) + " bytes) lost its " + expected + ": " + e, e);
      }
      assertThat(r.statusCode()).as("round %d", i).isEqualTo(expected);
      assertThat(r.headers().firstValue("Connection")).as("swallowed, so kept alive").isEmpty();
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void everyRefusalOfAManySmallBodiesOverKeepAliveArrives() {
    manyRefusals(false);
  }

  @Test
  void everyRefusalOfAManySmallBodiesOverKeepAliveTlsArrives() {
    manyRefusals(true);
  }

  @Test
  void aBodyPartlyReadByASchemeIsSwallowedAfterThe413() throws Exception {
    for (int i = 0; i < 50; i++) {
      // Unknown length, so chunked: the scheme reads past its 64-byte cap, the rest is swallowed.
      HttpRequest req = HttpRequest.newBuilder(jetty.uri("/v2/items?key=k1"))
          .header("Authorization", "Test reader;body")
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body(5000)))).build();
      HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("round %d", i).isEqualTo(413);
      assertThat(r.headers().firstValue("Connection")).isEmpty();
    }
  }

  /** Headers only, as an {@code Expect: 100-continue} client sends them before it may send the body. */
  private String expectContinue(int length, String authorization) throws Exception {
    return RawHttp.exchange(jetty.uri("/"), "POST /v2/items?key=k1 HTTP/1.1\r\nHost: localhost\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Type: application/json\r\nContent-Length: " + length
        + "\r\nExpect: 100-continue\r\n\r\n");
  }

  @Test
  void aBodyOverTheLimitSentWithExpectContinueGetsItsRefusalAndTheConnectionCloses() throws Exception {
    // Raw bytes rather than the JDK client: JDK 17's HttpClient waits forever for a 100 Continue
    // when the server answers with a final status instead.
    for (int i = 0; i < 20; i++) {
      String response = expectContinue(AdapterOptions.DEFAULT_SWALLOW_LIMIT + 1 + i * 1000,
          i % 2 == 0 ? null : "Test reader");
      assertThat(response).as("round %d", i).startsWith("HTTP/1.1 " + (i % 2 == 0 ? 401 : 403) + " ")
          .doesNotContain("100 Continue").containsIgnoringCase("\r\nConnection: close\r\n");
    }
    // The client still works afterwards over keep-alive connections.
    HttpResponse<String> ok = post(jetty.uri("/v2/items?key=k1"), body(10), "Test writer;grant=items:w:k1", false);
    assertThat(ok.statusCode()).isEqualTo(200);
  }

  @Test
  void aSmallBodyWithExpectContinueIsNotAskedForWhenRefused() throws Exception {
    // Reading would send 100 Continue and invite the upload; the refusal answers instead, and closes
    // because the client might still send the body (RFC 9110 section 10.1.1).
    String response = expectContinue(500, null);
    assertThat(response).startsWith("HTTP/1.1 401 ").doesNotContain("100 Continue")
        .containsIgnoringCase("\r\nConnection: close\r\n");
  }
}
