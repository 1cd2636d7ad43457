package dev.portcullis.demo;

import dev.portcullis.testing.RawClient;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 section 1: a request on the plain-HTTP port whose request line is in absolute form with
 * an {@code https} scheme must not count as secure. Every attack of the report, written byte for
 * byte on a plain socket, against all three APIs (AuthFilter with Digest, the JAX-RS catalog, the
 * OAuth endpoints and the OAuth-protected lists): each gets 400 with the JSON error body and none is
 * served. The same absolute-form target over TLS, where it agrees with the connection, still works.
 */
class AbsoluteFormTargetTest {
  static DemoServer server;
  static String httpsAuthority;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build());
    httpsAuthority = "127.0.0.1:" + server.httpsPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @Test
  void basicTokenOverPlainHttpWithAnHttpsTargetIsRefused() throws Exception {
    String r = plain("GET https://" + httpsAuthority + "/v2/items?key=key_demo_index HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\n"
        + "Authorization: Basic " + b64("demo_api_token:") + "\r\n"
        + "Connection: close\r\n\r\n");
    assertRefused(r, "HTTPS URL");
  }

  @Test
  void mintingATokenOverPlainHttpWithAnHttpsTargetIsRefused() throws Exception {
    String body = "{\"name\":\"stolen\",\"permissions\":[{\"scope\":\"items\",\"operation\":\"r\","
        + "\"resources\":[\"key_demo_index\"]}]}";
    String r = plain("POST https://" + httpsAuthority + "/v1/tokens HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\n"
        + "Authorization: Basic " + b64("demo_api_token:") + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + body.length() + "\r\n"
        + "Connection: close\r\n\r\n" + body);
    assertRefused(r, "HTTPS URL");
    assertThat(r).doesNotContain("\"token\"").doesNotContain("pct_");
  }

  @Test
  void oauthPlaintextOverPlainHttpWithAnHttpsTargetIsRefused() throws Exception {
    String oauth = "OAuth oauth_consumer_key=\"demo_consumer_key\", oauth_signature_method=\"PLAINTEXT\","
        + " oauth_signature=\"demo_consumer_secret%26\", oauth_callback=\"oob\","
        + " oauth_timestamp=\"" + (System.currentTimeMillis() / 1000) + "\", oauth_nonce=\"n"
        + System.nanoTime() + "\", oauth_version=\"1.0\"";
    String r = plain("POST https://" + httpsAuthority + "/1.0/oauth/request_token HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\n"
        + "Authorization: " + oauth + "\r\n"
        + "Content-Length: 0\r\n"
        + "Connection: close\r\n\r\n");
    assertRefused(r, "HTTPS URL");
    assertThat(r).doesNotContain("oauth_token=");

    String campaigns = plain("GET https://" + httpsAuthority + "/1.0/accounts/1/lists/500000000/campaigns HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\n"
        + "Authorization: " + oauth.replace("oauth_callback=\"oob\"", "oauth_token=\"t\"") + "\r\n"
        + "Connection: close\r\n\r\n");
    assertRefused(campaigns, "HTTPS URL");
  }

  @Test
  void plaintextOverPlainHttpInOriginFormStillNeedsHttps() throws Exception {
    String oauth = "OAuth oauth_consumer_key=\"demo_consumer_key\", oauth_signature_method=\"PLAINTEXT\","
        + " oauth_signature=\"demo_consumer_secret%26\", oauth_callback=\"oob\"";
    String r = plain("POST /1.0/oauth/request_token HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + server.httpPort() + "\r\n"
        + "Authorization: " + oauth + "\r\n"
        + "Content-Length: 0\r\nConnection: close\r\n\r\n");
    assertThat(r).doesNotStartWith("HTTP/1.1 200").doesNotContain("oauth_token=");
  }

  @Test
  void digestContactsWithAnHttpsTargetOnThePlainPortIsRefusedBeforeTheChallenge() throws Exception {
    String r = plain("GET https://" + httpsAuthority + "/ws/customers/ctct_customer/contacts HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\nConnection: close\r\n\r\n");
    assertRefused(r, "HTTPS URL");
    assertThat(r).doesNotContain("WWW-Authenticate");
  }

  @Test
  void aTargetAuthorityOtherThanHostIsRefused() throws Exception {
    String r = plain("GET http://evil.example/v2/items?key=key_demo_index HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + server.httpPort() + "\r\n"
        + "Authorization: Basic " + b64("demo_api_token:") + "\r\nConnection: close\r\n\r\n");
    // Jetty may refuse the mismatch itself; either way it is a 400 with the JSON body.
    assertThat(r).startsWith("HTTP/1.1 400");
    assertThat(r).containsIgnoringCase("Content-Type: application/json");
  }

  @Test
  void theAuthorizePageCookieIsSecureOnlyOverTls() throws Exception {
    String trick = plain("GET https://" + httpsAuthority + "/1.0/oauth/authorize?oauth_token=x HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\nConnection: close\r\n\r\n");
    assertRefused(trick, "HTTPS URL");
    assertThat(trick).doesNotContainIgnoringCase("Set-Cookie");

    String plainPage = plain("GET /1.0/oauth/authorize?oauth_token=x HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + server.httpPort() + "\r\nConnection: close\r\n\r\n");
    for (String line : plainPage.split("\r\n")) {
      if (line.regionMatches(true, 0, "Set-Cookie:", 0, 11)) {
        assertThat(line).doesNotContainIgnoringCase("Secure");
      }
    }
    String tlsPage = tls("GET /1.0/oauth/authorize?oauth_token=x HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\nConnection: close\r\n\r\n");
    for (String line : tlsPage.split("\r\n")) {
      if (line.regionMatches(true, 0, "Set-Cookie:", 0, 11)) {
        assertThat(line).containsIgnoringCase("Secure");
      }
    }
  }

  @Test
  void anAbsoluteFormTargetThatAgreesWithTheTlsConnectionIsServed() throws Exception {
    String r = tls("GET https://" + httpsAuthority + "/v2/items?key=key_demo_index HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\n"
        + "Authorization: Basic " + b64("demo_api_token:") + "\r\nConnection: close\r\n\r\n");
    assertThat(r).startsWith("HTTP/1.1 200");
    // And an http target over TLS contradicts the connection the other way round.
    String down = tls("GET http://" + httpsAuthority + "/v2/items?key=key_demo_index HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\n"
        + "Authorization: Basic " + b64("demo_api_token:") + "\r\nConnection: close\r\n\r\n");
    assertRefused(down, "plain-HTTP URL");
  }

  @Test
  void authenticatedResponsesAreNotStored() throws Exception {
    String r = tls("GET /v2/items?key=key_demo_index HTTP/1.1\r\n"
        + "Host: " + httpsAuthority + "\r\n"
        + "Authorization: Basic " + b64("demo_api_token:") + "\r\nConnection: close\r\n\r\n");
    assertThat(r).startsWith("HTTP/1.1 200").containsIgnoringCase("Cache-Control: no-store");
  }

  private static void assertRefused(String response, String reason) {
    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).containsIgnoringCase("Content-Type: application/json");
    assertThat(response).contains("\"status\":400").contains("\"error\":\"invalid_request\"")
        .contains(reason);
    assertThat(response).doesNotContain("Exception").doesNotContain("\tat ");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String plain(String request) throws IOException {
    return RawClient.exchange(server.httpPort(), request);
  }

  static String tls(String request) throws IOException {
    return RawClient.exchangeTls(server.httpsPort(), request);
  }

}
