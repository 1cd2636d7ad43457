package dev.portcullis.demo.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.portcullis.demo.DemoClient;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import dev.portcullis.testing.Browser;
import dev.portcullis.testing.RawClient;
import dev.portcullis.testing.TrustAllTls;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demo's authorize page attacked as issue 9 tried it, over real sockets: spraying one password
 * over 40 usernames from one address, denying a stranger's authorization, and the binding cookie
 * over HTTPS. A fresh demo per test, so failure counters never leak between them.
 */
class AuthorizePageAttackTest {
  private DemoServer server;
  private String base;
  private OAuth10aService scribe;

  @BeforeEach
  void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build(), List.of(new EmailListsApi()));
    base = "http://127.0.0.1:" + server.httpPort();
    scribe = new ServiceBuilder(DemoLists.CONSUMER_KEY).apiSecret(DemoLists.CONSUMER_SECRET)
        .callback("http://localhost:8000/callback").build(new Api(base));
  }

  /** ScribeJava's view of this demo's provider endpoints. */
  private static final class Api extends DefaultApi10a {
    private final String base;

    Api(String base) {
      this.base = base;
    }

    @Override public String getRequestTokenEndpoint() { return base + "/1.0/oauth/request_token"; }
    @Override public String getAccessTokenEndpoint() { return base + "/1.0/oauth/access_token"; }
    @Override protected String getAuthorizationBaseUrl() { return base + "/1.0/oauth/authorize"; }
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static Map<String, String> fields(Browser.Form form, String user, String password, String decision) {
    Map<String, String> f = new LinkedHashMap<>(form.hidden());
    f.put("username", user);
    f.put("password", password);
    f.put("decision", decision);
    return f;
  }

  @Test
  void sprayingFortyUsernamesFromOneAddressEndsIn429WhileTheRealUserElsewhereSignsIn() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    RawClient attacker = new RawClient("127.0.0.2");
    Browser.Form form = Browser.form(page, attacker.get(page, Map.of()).body());
    RawClient.Response last = null;
    int tooMany = 0;
    for (int i = 0; i < 40; i++) {
      last = attacker.post(form.action(), Map.of(), fields(form, "user" + i, "Winter2026!", "approve"));
      tooMany += last.status() == 429 ? 1 : 0;
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(tooMany).isEqualTo(20);
    assertThat(last.header("Retry-After")).matches("[1-9][0-9]*");
    assertThat(last.header("Cache-Control")).isEqualTo("no-store");

    HttpResponse<String> real = new Browser().login(page, "demo_user", "demo_password");
    assertThat(real.statusCode()).as(real.body()).isEqualTo(302);
  }

  @Test
  void aStrangerCannotDenyAndTheUserStillApproves() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    Browser stranger = new Browser();
    Browser.Form form = Browser.form(page, stranger.get(page).body());
    Map<String, String> deny = new LinkedHashMap<>(form.hidden());
    deny.put("decision", "deny");
    HttpResponse<String> r = stranger.post(form.action(), deny);
    assertThat(r.body()).doesNotContain("Access denied");
    assertThat(new Browser().login(page, "demo_user", "demo_password").statusCode()).isEqualTo(302);
  }

  @Test
  void overHttpsTheBindingCookieIsHostPrefixed() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI httpPage = URI.create(scribe.getAuthorizationUrl(rt));
    URI page = URI.create("https://127.0.0.1:" + server.httpsPort() + httpPage.getRawPath() + "?" + httpPage.getRawQuery());
    HttpClient tls = HttpClient.newBuilder().sslContext(TrustAllTls.context()).cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> shown = tls.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(shown.statusCode()).isEqualTo(200);
    assertThat(shown.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
        .startsWith("__Host-pc_oauth_csrf=").contains("Secure", "HttpOnly").containsIgnoringCase("Path=/;"));
    Browser.Form form = Browser.form(page, shown.body());
    StringBuilder body = new StringBuilder();
    fields(form, "demo_user", "demo_password", "approve").forEach((k, v) -> body.append(body.length() == 0 ? "" : "&")
        .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    HttpResponse<String> approved = tls.send(HttpRequest.newBuilder(form.action())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
  }
}
