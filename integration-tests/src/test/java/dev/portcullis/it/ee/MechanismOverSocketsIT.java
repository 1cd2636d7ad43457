package dev.portcullis.it.ee;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.it.Libraries;
import dev.portcullis.it.ee.secure.SecureSecurity;
import dev.portcullis.it.ee.table.TableSecurity;
import dev.portcullis.servlet.security.PortcullisAuthenticationMechanism;
import dev.portcullis.testing.AccessTable;
import dev.portcullis.testing.RawClient;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Jakarta Security mechanism in GlassFish 7 over real sockets: the cross-adapter access decision
 * table (issue 8 section 1: every row the status, challenges and body AuthFilter and the JAX-RS
 * feature give), and the absolute-form request-line trick of issue 9 section 1 (a plain-HTTP request
 * whose request line names an https URL is never secure: no Basic token, no OAuth PLAINTEXT, no mint).
 */
@ExtendWith(ArquillianExtension.class)
class MechanismOverSocketsIT {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @Deployment(name = "table", testable = false)
  static WebArchive table() {
    WebArchive war = ShrinkWrap.create(WebArchive.class, "table.war")
        .addPackage(TableSecurity.class.getPackage())
        .addClass(AccessTable.class);
    return Libraries.add(war, Gate.class, PortcullisAuthenticationMechanism.class,
        org.slf4j.LoggerFactory.class, org.bouncycastle.jce.provider.BouncyCastleProvider.class);
  }

  @Deployment(name = "secure", testable = false)
  static WebArchive secure() {
    WebArchive war = ShrinkWrap.create(WebArchive.class, "secure.war")
        .addPackage(SecureSecurity.class.getPackage());
    return Libraries.add(war, Gate.class, PortcullisAuthenticationMechanism.class,
        org.slf4j.LoggerFactory.class, org.bouncycastle.jce.provider.BouncyCastleProvider.class);
  }

  @Test
  void everyRowOfTheDecisionTableThroughTheMechanism(@ArquillianResource @OperateOnDeployment("table") URL base)
      throws Exception {
    int rows = 0;
    for (AccessTable.Row row : AccessTable.rows()) {
      HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + row.target()))
          .header("Authorization", row.authorization());
      for (String[] h : row.headers()) {
        req.header(h[0], h[1]);
      }
      HttpResponse<String> r = CLIENT.send(req.GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(row.name()).isEqualTo(row.status());
      assertThat(r.headers().allValues("WWW-Authenticate")).as(row.name()).isEqualTo(row.challenges());
      assertThat(r.body()).as(row.name()).isEqualTo(row.body());
      assertThat(r.headers().firstValue("Cache-Control")).as(row.name()).hasValue("no-store");
      rows++;
    }
    assertThat(rows).isEqualTo(AccessTable.rows().size()).isGreaterThan(20);
  }

  @Test
  void basicOverPlainHttpIsRefusedWhateverTheRequestLineSays(@ArquillianResource @OperateOnDeployment("secure") URL base)
      throws Exception {
    String trick = plain(base, absolute(base, "GET", "/secure/items", basic()));
    assertNotServed(trick);
    String plainOrigin = plain(base, origin(base, "GET", "/secure/items", basic()));
    assertThat(plainOrigin).startsWith("HTTP/1.1 403").contains("https_required");
    String mint = plain(base, absolute(base, "POST", "/secure/tokens", basic()));
    assertNotServed(mint);
    assertThat(mint).doesNotContain("minted");
  }

  @Test
  void oauthPlaintextOverPlainHttpIsRefusedWhateverTheRequestLineSays(
      @ArquillianResource @OperateOnDeployment("secure") URL base) throws Exception {
    String oauth = "OAuth oauth_consumer_key=\"demo_consumer_key\", oauth_token=\"demo_access_token\","
        + " oauth_signature_method=\"PLAINTEXT\", oauth_signature=\"demo_consumer_secret%26demo_access_secret\","
        + " oauth_version=\"1.0\"";
    assertNotServed(plain(base, absolute(base, "GET", "/secure/items", oauth)));
    assertThat(plain(base, origin(base, "GET", "/secure/items", oauth))).startsWith("HTTP/1.1 403");
  }

  @Test
  void overTlsTheSameRequestsAreServed(@ArquillianResource @OperateOnDeployment("secure") URL base) throws Exception {
    int port = Integer.parseInt(System.getProperty("it.glassfish.https.port"));
    String ok = tls(port, "GET " + base.getPath().replaceAll("/$", "") + "/secure/items HTTP/1.1\r\nHost: 127.0.0.1:"
        + port + "\r\nAuthorization: " + basic() + "\r\nConnection: close\r\n\r\n");
    assertThat(ok).startsWith("HTTP/1.1 200").contains("items for demo secure=true")
        .containsIgnoringCase("Cache-Control: no-store");
  }

  private static void assertNotServed(String response) {
    // Which of the two GlassFish gives is worth knowing when reading the build's output.
    System.out.println("absolute-form trick answered: " + response.lines().findFirst().orElse(""));
    // 400 where the container derived https from the request line (the conflict), 403 where it
    // ignored it and the request stayed plain (GlassFish 7 does, like Tomcat): never served, and
    // the refusal is ours, not the container's error page.
    assertThat(response).matches("(?s)HTTP/1.1 (400 .*invalid_request|403 .*https_required).*");
    assertThat(response).doesNotContain("items for").doesNotContain("minted").doesNotContain("\tat ");
  }

  private static String basic() {
    return "Basic " + Base64.getEncoder().encodeToString("demo_api_token:".getBytes(StandardCharsets.UTF_8));
  }

  private static String absolute(URL base, String method, String path, String authorization) {
    String authority = base.getHost() + ":" + base.getPort();
    return method + " https://" + authority + base.getPath().replaceAll("/$", "") + path + " HTTP/1.1\r\n"
        + "Host: " + authority + "\r\nAuthorization: " + authorization + "\r\n"
        + "Content-Length: 0\r\nConnection: close\r\n\r\n";
  }

  private static String origin(URL base, String method, String path, String authorization) {
    return method + " " + base.getPath().replaceAll("/$", "") + path + " HTTP/1.1\r\n"
        + "Host: " + base.getHost() + ":" + base.getPort() + "\r\nAuthorization: " + authorization + "\r\n"
        + "Content-Length: 0\r\nConnection: close\r\n\r\n";
  }

  private static String plain(URL base, String request) throws IOException {
    return RawClient.exchange(base.getPort(), request);
  }

  private static String tls(int port, String request) throws IOException {
    return RawClient.exchangeTls(port, request);
  }
}
