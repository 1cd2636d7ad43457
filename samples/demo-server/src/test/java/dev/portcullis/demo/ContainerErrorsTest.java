package dev.portcullis.demo;

import dev.portcullis.testing.RawClient;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9 section 3: what Jetty refuses before any servlet runs (a URI with an encoded CR LF, a
 * method token that does not parse) gets the documented JSON error body whatever the method, and a
 * response after which the server closes the connection says {@code Connection: close}.
 */
class ContainerErrorsTest {
  static DemoServer server;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build());
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND"})
  void anEncodedLineBreakInThePathIsAJson400ForEveryMethod(String method) throws Exception {
    String response = raw(method + " /v2/items/a%0D%0AX?key=key_demo_index HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400");
    assertJsonError(response, 400, !method.equals("HEAD"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT /v2/items/%2e%2e/x HTTP/1.1", "DELETE /v2/items/a%00b HTTP/1.1",
      "G\u0001T /v2/items HTTP/1.1", "PUT /v2/items/a HTTP/1.7"})
  void otherRequestsJettyRefusesGetTheJsonBodyToo(String requestLine) throws Exception {
    String response = raw(requestLine + "\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    // 4xx, or 505 for a version Jetty does not speak.
    assertThat(response).matches("(?s)HTTP/1.1 (4\\d\\d|505) .*");
    int status = Integer.parseInt(response.substring(9, 12));
    assertJsonError(response, status, true);
  }

  private static void assertJsonError(String response, int status, boolean body) {
    String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
    assertThat(head).contains("content-type: application/json");
    assertThat(head).contains("cache-control: no-store");
    if (body) {
      assertThat(response).contains("\"status\":" + status).contains("\"error\":");
    }
    assertThat(response).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("<html");
    // raw() reads until the server closes: it did, so it must have said so (RFC 9112 section 9.6).
    assertThat(head).contains("connection: close");
  }

  /** Sends raw bytes on the plain port; returns everything read until the server closes. */
  static String raw(String request) throws IOException {
    return RawClient.exchange(server.httpPort(), request);
  }
}
