package dev.portcullis.demo;

import static dev.portcullis.demo.DemoClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.testing.RawClient;
import dev.portcullis.testing.TrustAllTls;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server-wide hardening every API relies on, checked over real sockets: no version header, JSON
 * errors without stacks for what Jetty itself refuses (unparsable requests, huge headers, bad
 * percent-encoding, unknown paths), and the generated certificate's names.
 */
class DemoServerHardeningTest {
  static DemoServer server;
  static DemoClient client;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build());
    client = new DemoClient(server);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  /** Sends raw bytes on the plain-HTTP port and returns everything the server answers. */
  static String raw(String request) throws IOException {
    return RawClient.exchange(server.httpPort(), request);
  }

  static void assertCleanError(String response, int status) {
    assertThat(response).startsWith("HTTP/1.1 " + status);
    assertThat(response).containsIgnoringCase("Content-Type: application/json");
    assertThat(response).contains("\"status\":" + status);
    assertThat(response).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("jetty");
  }

  @Test
  void noServerVersionHeader() throws Exception {
    HttpResponse<String> r = client.get(client.https("/search/shoe?key=key_demo_index"), null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Server")).isEmpty();
    assertThat(r.headers().firstValue("X-Powered-By")).isEmpty();
  }

  @Test
  void unknownPathIsJson404OnBothConnectors() throws Exception {
    for (String url : List.of(client.http("/no/such/thing"), client.https("/v9/nothing?key=key_demo_index"))) {
      HttpResponse<String> r = client.get(url, basic("demo_api_token"));
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
      assertThat(r.body()).contains("\"error\":\"not_found\"");
    }
  }

  @Test
  void wrongMethodIs405Json() throws Exception {
    HttpResponse<String> r = client.send("DELETE", client.https("/search/shoe?key=key_demo_index"), null, null);
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.body()).contains("\"status\":405");
  }

  @Test
  void headerBlockOver8KiBGets431() throws Exception {
    String big = "x".repeat(20 * 1024);
    String response = raw("GET /search/shoe?key=key_demo_index HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big
        + "\r\nConnection: close\r\n\r\n");
    assertCleanError(response, 431);
  }

  @Test
  void brokenHeaderLineGets400() throws Exception {
    String response = raw("GET /search/shoe?key=key_demo_index HTTP/1.1\r\nHost: localhost\r\nthis is not a header\r\n"
        + "Connection: close\r\n\r\n");
    assertCleanError(response, 400);
  }

  @Test
  void badPercentEncodingGets400() throws Exception {
    String response = raw("GET /search/%zz?key=key_demo_index HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void badPercentEncodingInTheKeyGets4xx() throws Exception {
    String response = raw("GET /search/shoe?key=%E0%A4%A HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(response).matches("(?s)HTTP/1.1 4\\d\\d.*");
    assertThat(response).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void generatedCertificateNamesTheLoopbackHost() throws Exception {
    try (SSLSocket s = (SSLSocket) TrustAllTls.context().getSocketFactory().createSocket("127.0.0.1", server.httpsPort())) {
      s.startHandshake();
      X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
      assertThat(cert.getSubjectAlternativeNames())
          .anySatisfy(n -> assertThat(List.copyOf(n)).isEqualTo(List.of(2, "localhost")))
          .anySatisfy(n -> assertThat(List.copyOf(n)).isEqualTo(List.of(7, "127.0.0.1")));
      assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }
  }

  @Test
  void keystoreOptionServesThatCertificate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    SelfSignedCertificate own = SelfSignedCertificate.generate("127.0.0.1");
    java.nio.file.Path file = dir.resolve("server.p12");
    try (OutputStream out = java.nio.file.Files.newOutputStream(file)) {
      own.keyStore().store(out, own.password().toCharArray());
    }
    try (DemoServer withStore = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0)
        .keystore(file, own.password()).build())) {
      try (SSLSocket s = (SSLSocket) TrustAllTls.context().getSocketFactory()
          .createSocket("127.0.0.1", withStore.httpsPort())) {
        s.startHandshake();
        assertThat(s.getSession().getPeerCertificates()[0]).isEqualTo(own.certificate());
      }
      assertThat(new DemoClient(withStore).get(new DemoClient(withStore).https("/v2/items?key=key_demo_index"),
          basic("demo_api_token")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void stopIsIdempotentAndFreesThePorts() throws Exception {
    DemoServer second = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build());
    int port = second.httpPort();
    second.stop();
    second.stop();
    try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }
}
