package dev.portcullis.servlet.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.testing.Browser;
import dev.portcullis.testing.JettyHarness;
import dev.portcullis.testing.RawClient;
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
 * The authorize page attacked over real sockets: password spraying from one address (and through a
 * trusted proxy), cookie tossing, and the binding cookie's name and attributes over HTTPS. A fresh
 * server per test, so one test's failure counters never throttle another's.
 */
class AuthorizePageHardeningTest {
  /** The attacker's own address; the real user's browser connects from 127.0.0.1. */
  private static final String ATTACKER = "127.0.0.2";
  /** A reverse proxy the endpoints trust; clients behind it are told apart by X-Forwarded-For. */
  private static final String PROXY = "127.0.0.3";

  private TestProvider server;
  private OAuth10aService scribe;

  @BeforeEach
  void start() throws Exception {
    server = new TestProvider(List.of(PROXY));
    scribe = server.scribe(TestProvider.KEY, TestProvider.SECRET, server.callback());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static Map<String, String> signIn(Browser.Form form, String user, String password) {
    Map<String, String> fields = new LinkedHashMap<>(form.hidden());
    fields.put("username", user);
    fields.put("password", password);
    fields.put("decision", "approve");
    return fields;
  }

  @Test
  void sprayingFortyUsernamesFromOneAddressEndsIn429AndTheRealUserElsewhereStillSignsIn() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    RawClient attacker = new RawClient(ATTACKER);
    RawClient.Response shown = attacker.get(page, Map.of());
    assertThat(shown.status()).isEqualTo(200);
    Browser.Form form = Browser.form(page, shown.body());
    int refused = 0;
    RawClient.Response last = null;
    for (int i = 0; i < 40; i++) {
      // a forwarding header from an untrusted peer must not give each try a fresh address
      last = attacker.post(form.action(), Map.of("X-Forwarded-For", "10.9.8." + i),
          signIn(form, "user" + i, "Winter2026!"));
      if (last.status() == 429) {
        refused++;
        assertThat(last.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(last.body()).contains("Too many failed sign-in attempts", "<form");
      } else {
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.body()).contains("The username or password is incorrect.");
      }
    }
    assertThat(refused).as("the address limit is 20 failures").isEqualTo(20);
    assertThat(last.status()).isEqualTo(429);
    // the right password does not help the blocked address either: nothing was checked
    assertThat(attacker.post(form.action(), Map.of(), signIn(form, "demo_user", "demo_password")).status())
        .isEqualTo(429);
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.PENDING);

    String verifier = server.approveInBrowser(rt, scribe, "demo_user", "demo_password");
    assertThat(scribe.getAccessToken(rt, verifier).getToken()).isNotEmpty();
  }

  @Test
  void behindATrustedProxyClientsAreCountedByTheirForwardedAddress() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    RawClient proxy = new RawClient(PROXY);
    Map<String, String> sprayer = Map.of("X-Forwarded-For", "198.51.100.66");
    Browser.Form form = Browser.form(page, proxy.get(page, sprayer).body());
    for (int i = 0; i < 20; i++) {
      assertThat(proxy.post(form.action(), sprayer, signIn(form, "user" + i, "Winter2026!")).status()).isEqualTo(200);
    }
    assertThat(proxy.post(form.action(), sprayer, signIn(form, "user20", "Winter2026!")).status()).isEqualTo(429);
    // the same proxy, another client behind it: not blocked, and signs in
    RawClient.Response user = proxy.post(form.action(), Map.of("X-Forwarded-For", "198.51.100.7, " + PROXY),
        signIn(form, "demo_user", "demo_password"));
    assertThat(user.status()).isEqualTo(302);
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.AUTHORIZED);
  }

  @Test
  void aBindingCookieTheClientChoseIsNeverHonoured() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    // The attacker planted a cookie of his choosing in the victim's browser (cookie tossing).
    RawClient victim = new RawClient("127.0.0.1");
    String chosen = "attacker-chosen-binding-0123456789";
    victim.cookie(AuthorizePages.COOKIE, chosen);
    RawClient.Response shown = victim.get(page, Map.of());
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.header("Set-Cookie")).as("a minted binding replaces the chosen one")
        .startsWith(AuthorizePages.COOKIE + "=").doesNotContain(chosen);
    Browser.Form form = Browser.form(page, shown.body());

    // Even with a form the server rendered, a request carrying the chosen value is refused.
    RawClient replay = new RawClient("127.0.0.1");
    replay.cookie(AuthorizePages.COOKIE, chosen);
    RawClient.Response posted = replay.post(form.action(), Map.of(), signIn(form, "demo_user", "demo_password"));
    assertThat(posted.status()).isEqualTo(400);
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.PENDING);

    // the victim's browser, now holding the minted binding, goes through
    assertThat(victim.post(form.action(), Map.of(), signIn(form, "demo_user", "demo_password")).status())
        .isEqualTo(302);
  }

  @Test
  void overHttpsTheBindingIsAHostPrefixedSecureCookieAndThePlainNameIsNotRead() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI httpPage = URI.create(scribe.getAuthorizationUrl(rt));
    URI page = server.server.httpsUri(httpPage.getRawPath() + "?" + httpPage.getRawQuery());
    HttpClient tls = HttpClient.newBuilder().sslContext(JettyHarness.trustAllSslContext())
        .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> shown = tls.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(shown.statusCode()).isEqualTo(200);
    String setCookie = shown.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("__Host-pc_oauth_csrf=").contains("Secure", "HttpOnly", "SameSite=Lax")
        .containsIgnoringCase("Path=/;").doesNotContainIgnoringCase("Domain=");

    // A binding minted for plain HTTP (which a network attacker can plant in the browser) is not read on HTTPS.
    RawClient plain = new RawClient("127.0.0.1");
    Browser.Form httpForm = Browser.form(httpPage, plain.get(httpPage, Map.of()).body());
    String planted = plain.cookies().get(AuthorizePages.COOKIE);
    assertThat(planted).isNotNull();
    HttpResponse<String> tossed = tls.send(HttpRequest.newBuilder(page.resolve(httpForm.action().getRawPath()))
            .header("Cookie", AuthorizePages.COOKIE + "=" + planted)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(signIn(httpForm, "demo_user", "demo_password"))))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(tossed.statusCode()).isIn(400, 403);
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.PENDING);

    // The page's own form over HTTPS, with the __Host- cookie, approves.
    Browser.Form form = Browser.form(page, shown.body());
    HttpResponse<String> approved = tls.send(HttpRequest.newBuilder(form.action())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(signIn(form, "demo_user", "demo_password")))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
  }

  private static String form(Map<String, String> fields) {
    StringBuilder b = new StringBuilder();
    fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&")
        .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
    return b.toString();
  }
}
