package dev.portcullis.jaxrs;

import dev.portcullis.core.http.AdapterOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.Grants;
import dev.portcullis.testing.JettyHarness;
import jakarta.annotation.security.DenyAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.server.ResourceConfig;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every refusal reaches the client even though its body is never read by the resource: the
 * filters swallow it (bounded) before aborting. Without that, Jetty closed the connection over the
 * unread bytes, the kernel sent a TCP reset, and the JDK client intermittently saw "header parser
 * received no bytes" or a reset instead of the 401/403.
 */
class RefusedBodySwallowTest {
  private static final int ROUNDS = 200;
  private static final AtomicInteger READS = new AtomicInteger();
  private static JerseyOnJetty server;
  private static HttpClient client;

  /** {@code Authorization: Nobody}: authenticated, with no permission at all. */
  static final class Nobody implements Scheme {
    @Override
    public String name() {
      return "Nobody";
    }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      return new Outcome.Authenticated(new Identity("nobody", null, null, name(), Grants.of()));
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      return List.of("Nobody");
    }
  }

  @Path("/")
  public static final class Resources {
    @POST
    @Path("write")
    @Consumes(MediaType.WILDCARD)
    @RequiresScope(value = "items", op = "w", query = "")
    public String write(byte[] body) {
      READS.incrementAndGet();
      return "wrote " + body.length;
    }

    @POST
    @Path("closed")
    @Consumes(MediaType.WILDCARD)
    @DenyAll
    public String closed(byte[] body) {
      READS.incrementAndGet();
      return "never";
    }
  }

  @BeforeAll
  static void start() throws Exception {
    Gate gate = Gate.builder().scheme(new Nobody()).build();
    ResourceConfig app = new ResourceConfig(Resources.class)
        .register(PortcullisFeature.builder().gate(gate).build());
    server = JerseyOnJetty.start(Map.of("/s", app), true);
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(JettyHarness.trustAllSslContext()).build();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static byte[] body(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  private static void manyRefusals(boolean https) {
    int before = READS.get();
    for (int i = 0; i < ROUNDS; i++) {
      int size = 300 + (i * 7919) % 32_500;
      // 401 (no credentials), 403 (no permission), 403 (@DenyAll): all three filters.
      int kind = i % 3;
      String path = kind == 2 ? "/s/closed" : "/s/write";
      URI uri = https ? server.httpsUri(path) : server.uri(path);
      HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body(size)));
      if (kind == 1) {
        b.header("Authorization", "Nobody");
      }
      int expected = kind == 0 ? 401 : 403;
      HttpResponse<String> r;
      try {
        r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (Exception e) {
        throw new AssertionError("round " + i + " (" + size + " bytes) lost its " + expected + ": " + e, e);
      }
      assertThat(r.statusCode()).as("round %d", i).isEqualTo(expected);
      assertThat(r.headers().firstValue("Connection")).as("swallowed, so kept alive").isEmpty();
    }
    assertThat(READS.get()).as("the resource never saw a refused body").isEqualTo(before);
  }

  @Test
  void everyRefusalOfManySmallBodiesOverKeepAliveArrives() {
    manyRefusals(false);
  }

  @Test
  void everyRefusalOfManySmallBodiesOverKeepAliveTlsArrives() {
    manyRefusals(true);
  }

  /** Headers only, as an {@code Expect: 100-continue} client sends them before it may send the body. */
  private static String expectContinue(String path, int length, @Nullable String authorization) throws Exception {
    URI base = server.uri("/");
    try (Socket s = new Socket(base.getHost(), base.getPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
          + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
          + "Content-Type: application/json\r\nContent-Length: " + length
          + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void aBodyOverTheLimitSentWithExpectContinueGetsItsRefusalAndTheConnectionCloses() throws Exception {
    // Raw bytes rather than the JDK client: JDK 17's HttpClient waits forever for a 100 Continue
    // when the server answers with a final status instead.
    for (int i = 0; i < 15; i++) {
      int kind = i % 3;
      String response = expectContinue(kind == 2 ? "/s/closed" : "/s/write",
          AdapterOptions.DEFAULT_SWALLOW_LIMIT + 1 + i * 1000, kind == 1 ? "Nobody" : null);
      assertThat(response).as("round %d", i).startsWith("HTTP/1.1 " + (kind == 0 ? 401 : 403) + " ")
          .doesNotContain("100 Continue").containsIgnoringCase("\r\nConnection: close\r\n");
    }
    HttpResponse<String> ok = client.send(HttpRequest.newBuilder(server.uri("/s/write"))
        .header("Authorization", "Nobody").POST(HttpRequest.BodyPublishers.ofByteArray(body(10))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(403);
  }

  @Test
  void aSmallBodyWithExpectContinueIsNotAskedForWhenRefused() throws Exception {
    String response = expectContinue("/s/write", 500, null);
    assertThat(response).startsWith("HTTP/1.1 401 ").doesNotContain("100 Continue")
        .containsIgnoringCase("\r\nConnection: close\r\n");
  }
}
