package dev.portcullis.it.ee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.it.Libraries;
import dev.portcullis.it.ee.adapters.AdaptersSetup;
import dev.portcullis.jaxrs.PortcullisFeature;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.testing.RawClient;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9 section 1 in GlassFish 7, for the two adapters a team drops into a WAR: {@link AuthFilter}
 * (registered in code by a {@code @WebListener}, Basic API tokens with {@code requireSecure}, and the
 * OAuth 1.0a endpoints) and {@link PortcullisFeature} on the Jersey GlassFish ships. Raw requests
 * over real sockets: a request on the plain-HTTP port whose request line is an absolute-form
 * {@code https} URL (the target naming the plain port, the HTTPS port, or another host) is never
 * treated as secure and nothing is served; origin-form over plain HTTP gets the documented 403
 * {@code https_required}; the same requests over TLS are served. (The Jakarta Security mechanism is
 * covered by {@link MechanismOverSocketsIT}.)
 */
@ExtendWith(ArquillianExtension.class)
class AdaptersOverSocketsIT {
  private static final String TOKEN = "gf_api_token";

  @Deployment(name = "adapters", testable = false)
  static WebArchive adapters() {
    WebArchive war = ShrinkWrap.create(WebArchive.class, "adapters.war")
        .addPackage(AdaptersSetup.class.getPackage());
    return Libraries.add(war, Gate.class, AuthFilter.class, PortcullisFeature.class,
        org.slf4j.LoggerFactory.class, org.bouncycastle.jce.provider.BouncyCastleProvider.class);
  }

  @ArquillianResource URL base;
  private String context;
  private int httpPort;
  private int httpsPort;

  @BeforeEach
  void ports() {
    context = base.getPath().replaceAll("/$", "");
    httpPort = base.getPort();
    httpsPort = Integer.parseInt(System.getProperty("it.glassfish.https.port"));
  }

  @Test
  void authFilterServesNoTrickOnThePlainPort() throws Exception {
    for (String trick : tricks("GET", "/servlet/items", basic())) {
      assertNotServed(trick);
    }
    assertThat(plain(origin("GET", "/servlet/items", basic(), httpPort)))
        .startsWith("HTTP/1.1 403").contains("https_required").doesNotContain("items for");
    assertThat(tls(origin("GET", "/servlet/items", basic(), httpsPort)))
        .startsWith("HTTP/1.1 200").contains("items for acct secure=true")
        .containsIgnoringCase("Cache-Control: no-store");
  }

  @Test
  void authFilterNeverLetsTheTrickMintAToken() throws Exception {
    for (String trick : tricks("POST", "/servlet/tokens", basic())) {
      assertNotServed(trick);
      assertThat(trick).doesNotContain("minted");
    }
    assertThat(tls(origin("POST", "/servlet/tokens", basic(), httpsPort))).startsWith("HTTP/1.1 201").contains("minted");
  }

  @Test
  void jaxrsFeatureServesNoTrickOnThePlainPort() throws Exception {
    for (String trick : tricks("GET", "/jaxrs/items?key=key_a", basic())) {
      assertNotServed(trick);
    }
    for (String mint : tricks("POST", "/jaxrs/tokens", basic())) {
      assertNotServed(mint);
      assertThat(mint).doesNotContain("minted");
    }
    assertThat(plain(origin("GET", "/jaxrs/items?key=key_a", basic(), httpPort)))
        .startsWith("HTTP/1.1 403").contains("https_required").doesNotContain("items for");
    assertThat(tls(origin("GET", "/jaxrs/items?key=key_a", basic(), httpsPort)))
        .startsWith("HTTP/1.1 200").contains("items for acct secure=true")
        .containsIgnoringCase("Cache-Control: no-store");
    assertThat(tls(origin("POST", "/jaxrs/tokens", basic(), httpsPort))).startsWith("HTTP/1.1 201").contains("minted");
    // A public method is never told the request was secure.
    assertThat(plain(origin("GET", "/jaxrs/public", null, httpPort))).startsWith("HTTP/1.1 200").contains("public secure=false");
    for (String pub : tricks("GET", "/jaxrs/public", null)) {
      assertThat(pub).satisfiesAnyOf(
          r -> assertThat(r).startsWith("HTTP/1.1 400").contains("invalid_request"),
          r -> assertThat(r).startsWith("HTTP/1.1 200").contains("public secure=false"));
    }
  }

  @Test
  void oauthPlaintextIsRefusedOverPlainHttpWhateverTheRequestLineSays() throws Exception {
    String auth = "OAuth oauth_consumer_key=\"gf_consumer\", oauth_signature_method=\"PLAINTEXT\","
        + " oauth_signature=\"gf_secret%26\", oauth_callback=\"oob\", oauth_version=\"1.0\"";
    for (String trick : tricks("POST", "/oauth/request_token", auth)) {
      // the endpoints have no HTTPS requirement of their own: the request stays plain, so the
      // verifier refuses PLAINTEXT (RFC 5849 section 3.4.4), or the conflict is refused with 400
      System.out.println("absolute-form trick answered: " + trick.lines().findFirst().orElse(""));
      assertThat(trick).matches("(?s)HTTP/1.1 (400 .*invalid_request|401 .*oauth_problem=signature_method_rejected).*")
          .doesNotContain("oauth_token=").doesNotContain("\tat ");
    }
    assertThat(plain(origin("POST", "/oauth/request_token", auth, httpPort)))
        .startsWith("HTTP/1.1 401").contains("oauth_problem=signature_method_rejected").doesNotContain("oauth_token=");
    assertThat(tls(origin("POST", "/oauth/request_token", auth, httpsPort)))
        .startsWith("HTTP/1.1 200").contains("oauth_token=").contains("oauth_callback_confirmed=true");
  }

  /**
   * The absolute-form trick, sent to the plain port three ways: the target and Host naming the
   * plain port, both naming the HTTPS port (the attack as reported), and a target naming another
   * host than Host.
   */
  private List<String> tricks(String method, String path, String authorization) throws IOException {
    String plainAuthority = "127.0.0.1:" + httpPort;
    String tlsAuthority = "127.0.0.1:" + httpsPort;
    return List.of(
        plain(absolute(method, "https://" + plainAuthority, plainAuthority, path, authorization)),
        plain(absolute(method, "https://" + tlsAuthority, tlsAuthority, path, authorization)),
        plain(absolute(method, "https://api.example.com", plainAuthority, path, authorization)));
  }

  private static void assertNotServed(String response) {
    // Which refusal GlassFish leads to is worth seeing in the build's output: 400 where the
    // container derived https from the request line (the conflict), 403 where it kept the
    // connection's scheme and the request stayed plain (https_required). Never served, never the
    // container's error page with a stack trace.
    System.out.println("absolute-form trick answered: " + response.lines().findFirst().orElse(""));
    assertThat(response).matches("(?s)HTTP/1.1 (400 .*invalid_request|403 .*https_required).*");
    assertThat(response).doesNotContain("items for").doesNotContain("minted").doesNotContain("\tat ");
  }

  private String absolute(String method, String schemeAuthority, String host, String path, String authorization) {
    return method + " " + schemeAuthority + context + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Length: 0\r\nConnection: close\r\n\r\n";
  }

  private String origin(String method, String path, String authorization, int port) {
    return method + " " + context + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
        + "Content-Length: 0\r\nConnection: close\r\n\r\n";
  }

  private String plain(String request) throws IOException {
    return RawClient.exchange(httpPort, request);
  }

  private String tls(String request) throws IOException {
    return RawClient.exchangeTls(httpsPort, request);
  }

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString((TOKEN + ":").getBytes(StandardCharsets.UTF_8));
  }
}
