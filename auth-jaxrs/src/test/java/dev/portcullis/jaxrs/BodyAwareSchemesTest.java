package dev.portcullis.jaxrs;

import dev.portcullis.core.http.AdapterOptions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.jaxrs.TestClients.Client;
import dev.portcullis.jaxrs.TestClients.Reply;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The adapter carries whatever a scheme needs: the body (Digest auth-int), form parameters and a
 * form-encoded refusal (OAuth 1.0a), success headers (Authentication-Info), and fails closed with
 * 503 when a store is down. The resource still reads the same body afterwards.
 */
class BodyAwareSchemesTest {
  private static final int CAP = 4096;
  private static JerseyOnJetty server;
  private static Client jdk;
  private static Client apache;

  @BeforeAll
  static void start() throws Exception {
    Gate gate = Gate.builder()
        .scheme(new TestSchemes.BodyHash())
        .scheme(new TestSchemes.FormParams())
        .scheme(new TestSchemes.Outage())
        .build();
    ResourceConfig app = new ResourceConfig(BodyResources.class)
        .register(PortcullisFeature.builder().gate(gate).options(AdapterOptions.builder().maxBodyBytes(CAP).build()).build());
    server = JerseyOnJetty.start(Map.of("/b", app), true);
    jdk = TestClients.jdk();
    apache = TestClients.apache();
  }

  @AfterAll
  static void stop() throws Exception {
    jdk.close();
    apache.close();
    server.close();
  }

  static Stream<Client> clients() {
    return Stream.of(jdk, apache);
  }

  private static String sig(byte[] body) {
    return "Sig " + Base64.getEncoder().encodeToString(TestSchemes.sha256(body));
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void aSchemeReadsTheBodyAndTheResourceReadsTheSameBytes(Client c) throws Exception {
    byte[] body = randomBytes(CAP);
    Reply r = c.send("POST", server.uri("/b/echo"), TestClients.pairs("Authorization", sig(body)), body,
        "application/octet-stream");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().getBytes(StandardCharsets.ISO_8859_1).length).isGreaterThan(0);
    assertThat(r.first("Authentication-Info")).isEqualTo("rspauth=\"ok\"");
  }

  @Test
  void echoedBytesAreIdentical() throws Exception {
    byte[] body = randomBytes(1000);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(server.uri("/b/echo"))
        .header("Authorization", sig(body)).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Arrays.equals(r.body(), body)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void aWrongBodySignatureIsRefusedAndTheResourceNeverRuns(Client c) throws Exception {
    int before = BodyResources.READS.get();
    byte[] body = "payload".getBytes(StandardCharsets.UTF_8);
    Reply r = c.send("POST", server.uri("/b/echo"), TestClients.pairs("Authorization", sig("other".getBytes(StandardCharsets.UTF_8))),
        body, "application/octet-stream");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.all("WWW-Authenticate")).containsExactly("Sig realm=\"test\"", "Form realm=\"test\"", "Down");
    assertThat(r.body()).contains("signature_invalid");
    assertThat(BodyResources.READS.get()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void aBodyOverTheCapIs413(Client c) throws Exception {
    byte[] body = randomBytes(CAP + 1);
    Reply r = c.send("POST", server.uri("/b/echo"), TestClients.pairs("Authorization", sig(body)), body,
        "application/octet-stream");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.body()).contains("body_too_large");
  }

  @Test
  void aChunkedBodyOverTheCapIs413() throws Exception {
    byte[] body = randomBytes(CAP * 3);
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri("/b/echo"))
        .header("Authorization", sig(body)).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void aBodyIsNotBufferedWhenNoSchemeAsksForIt(Client c) throws Exception {
    // Larger than the cap, yet no 413: no credentials means no scheme looked at this JSON body.
    byte[] body = ("{\"pad\":\"" + "x".repeat(CAP * 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    Reply r = c.send("POST", server.uri("/b/echo"), List.of(), body, "application/json");
    assertThat(r.status()).isEqualTo(401);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void formParametersReachTheSchemeAndTheResource(Client c) throws Exception {
    Reply ok = c.send("POST", server.uri("/b/note"), List.of(),
        "form_user=good&note=hello+world%21".getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("former:hello world!");

    Reply bad = c.send("POST", server.uri("/b/note"), List.of(),
        "form_user=evil&note=x".getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.first("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(bad.body()).isEqualTo("oauth_problem=signature_invalid");
    assertThat(bad.first("Cache-Control")).isEqualTo("no-store");

    Reply broken = c.send("POST", server.uri("/b/note"), List.of(),
        "form_user=%zz".getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.body()).contains("invalid_request");
  }

  @Test
  void aRefusalSwallowsTheUnreadBodyAndKeepsTheConnection() throws Exception {
    // Over TLS the JDK client reuses connections eagerly; before refusals swallowed the body its
    // next request went into the connection Jetty dropped because of the unread bytes.
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .sslContext(dev.portcullis.testing.JettyHarness.trustAllSslContext()).build();
    byte[] body = randomBytes(20_000);
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> refused = client.send(HttpRequest.newBuilder(server.httpsUri("/b/echo"))
          .header("Content-Type", "application/octet-stream")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("Connection")).as("swallowed, kept alive").isEmpty();
      byte[] small = randomBytes(100);
      HttpResponse<String> next = client.send(HttpRequest.newBuilder(server.httpsUri("/b/echo"))
          .header("Content-Type", "application/octet-stream").header("Authorization", sig(small))
          .POST(HttpRequest.BodyPublishers.ofByteArray(small)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(next.statusCode()).isEqualTo(200);
    }
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(server.httpsUri("/b/probe/x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(401);
    assertThat(get.headers().firstValue("Connection")).as("no body, keep the connection").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void anUnreachableStoreIs503(Client c) throws Exception {
    Reply r = c.send("POST", server.uri("/b/echo"), TestClients.pairs("Authorization", "Down"), new byte[] {1},
        "application/octet-stream");
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.body()).contains("temporarily_unavailable").doesNotContain("offline");
  }
}
