package dev.portcullis.servlet.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoints over a real socket, driven by ScribeJava's OAuth 1.0a client and a scripted browser. */
class OAuthEndpointsServletTest {
  private static TestProvider server;
  private static OAuth10aService scribe;

  @BeforeAll
  static void start() throws Exception {
    server = new TestProvider();
    scribe = server.scribe(TestProvider.KEY, TestProvider.SECRET, server.callback());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private OAuth1AccessToken accessToken() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    String verifier = server.approveInBrowser(rt, scribe, "demo_user", "demo_password");
    return scribe.getAccessToken(rt, verifier);
  }

  private Response exchangeByHand(OAuth1RequestToken rt, String verifier) throws Exception {
    OAuthRequest req = new OAuthRequest(Verb.POST, server.uri("/1.0/oauth/access_token").toString());
    req.addOAuthParameter("oauth_verifier", verifier);
    scribe.signRequest(new OAuth1AccessToken(rt.getToken(), rt.getTokenSecret()), req);
    return scribe.execute(req);
  }

  @Test
  void scribeRunsTheThreeLeggedFlowAndSignsResourceCallsWithAwkwardQueries() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    assertThat(rt.isOauthCallbackConfirmed()).isTrue();

    Browser browser = new Browser();
    HttpResponse<String> posted = browser.login(URI.create(scribe.getAuthorizationUrl(rt)), "demo_user", "demo_password");
    assertThat(posted.statusCode()).isEqualTo(302);
    String location = posted.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(server.uri("/callback?state=keep%20me&").toString());
    Map<String, String> cb = Browser.query(location);
    assertThat(cb).containsEntry("state", "keep me").containsEntry("oauth_token", rt.getToken());

    OAuth1AccessToken at = scribe.getAccessToken(rt, cb.get("oauth_verifier"));
    assertThat(at.getToken()).isNotEqualTo(rt.getToken());

    OAuthRequest call = new OAuthRequest(Verb.GET, server.uri("/api/echo").toString());
    call.addQuerystringParameter("q", "Grüße & Ünïcødé ☃ = ? / + % ~*'");
    call.addQuerystringParameter("empty", "");
    call.addQuerystringParameter("reserved", ":/?#[]@!$&'()*+,;=");
    scribe.signRequest(at, call);
    Response r = scribe.execute(call);
    assertThat(r.getCode()).as(r.getBody()).isEqualTo(200);
    assertThat(r.getBody()).contains("user=demo_user\n", "q=Grüße & Ünïcødé ☃ = ? / + % ~*'\n", "empty=\n",
        "reserved=:/?#[]@!$&'()*+,;=\n");
  }

  @Test
  void replayedNonceIsRefused() throws Exception {
    OAuth1AccessToken at = accessToken();
    OAuthRequest call = new OAuthRequest(Verb.GET, server.uri("/api/echo?x=1").toString());
    scribe.signRequest(at, call);
    String authorization = call.getHeaders().get("Authorization");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest replay = HttpRequest.newBuilder(server.uri("/api/echo?x=1")).header("Authorization", authorization).build();
    assertThat(http.send(replay, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    HttpResponse<String> again = http.send(replay, HttpResponse.BodyHandlers.ofString());
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.body()).startsWith("oauth_problem=nonce_used");
    assertThat(again.headers().firstValue("WWW-Authenticate")).hasValue("OAuth realm=\"test-lists\"");
  }

  @Test
  void aRequestTokenIsExchangedOnce() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    String verifier = server.approveInBrowser(rt, scribe, "demo_user", "demo_password");
    Response first = exchangeByHand(rt, verifier);
    assertThat(first.getCode()).isEqualTo(200);
    assertThat(first.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(first.getHeader("Cache-Control")).isEqualTo("no-store");
    Response second = exchangeByHand(rt, verifier);
    assertThat(second.getCode()).isEqualTo(401);
    assertThat(second.getBody()).startsWith("oauth_problem=token_used");
    assertThat(second.getHeader("WWW-Authenticate")).isEqualTo("OAuth realm=\"test-lists\"");
  }

  @Test
  void wrongVerifierIsRefusedAndTheRightOneStillWorks() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    String verifier = server.approveInBrowser(rt, scribe, "demo_user", "demo_password");
    Response wrong = exchangeByHand(rt, verifier + "x");
    assertThat(wrong.getCode()).isEqualTo(401);
    assertThat(wrong.getBody()).startsWith("oauth_problem=verifier_invalid");
    assertThat(exchangeByHand(rt, verifier).getCode()).isEqualTo(200);
  }

  @Test
  void badCredentialsShowTheFormAgainAndApproveNothing() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    Browser browser = new Browser();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    HttpResponse<String> r = browser.login(page, "demo_user", "wrong_password");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("id=\"error\"", "<form", "name=\"password\"", "value=\"demo_user\"");
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.PENDING);
    r = browser.login(page, "nobody", "demo_password");
    assertThat(r.body()).contains("id=\"error\"");
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.PENDING);
    assertThat(exchangeByHand(rt, "anything").getCode()).isEqualTo(401);
    // The re-shown form still works with the right password.
    Browser.Form again = Browser.form(page, r.body());
    Map<String, String> fields = new LinkedHashMap<>(again.hidden());
    fields.put("username", "demo_user");
    fields.put("password", "demo_password");
    assertThat(browser.post(again.action(), fields).statusCode()).isEqualTo(302);
  }

  @Test
  void repeatedWrongPasswordsThrottleTheUsername() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    Browser browser = new Browser();
    for (int i = 0; i < 3; i++) {
      assertThat(browser.login(page, "guessed_user", "guess" + i).statusCode()).isEqualTo(200);
    }
    HttpResponse<String> r = browser.login(page, "guessed_user", "guessed_password");
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
    assertThat(r.body()).contains("Too many failed sign-in attempts", "<form");
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.PENDING);
    assertThat(browser.login(page, "demo_user", "demo_password").statusCode()).as("other users unaffected").isEqualTo(302);
  }

  @Test
  void missingOrForeignCsrfTokenApprovesNothing() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    Browser browser = new Browser();
    Browser.Form form = Browser.form(page, browser.get(page).body());

    Map<String, String> noToken = new LinkedHashMap<>(form.hidden());
    noToken.remove("csrf_token");
    noToken.put("username", "demo_user");
    noToken.put("password", "demo_password");
    assertThat(browser.post(form.action(), noToken).statusCode()).isEqualTo(400);

    Map<String, String> forged = new LinkedHashMap<>(noToken);
    forged.put("csrf_token", "1999999999.AAAA.BBBB");
    assertThat(browser.post(form.action(), forged).statusCode()).isEqualTo(403);

    // A valid token from another browser (the attacker's own page) does not work in the victim's.
    Browser attacker = new Browser();
    Browser.Form attackers = Browser.form(page, attacker.get(page).body());
    Map<String, String> lifted = new LinkedHashMap<>(noToken);
    lifted.put("csrf_token", attackers.hidden().get("csrf_token"));
    assertThat(browser.post(form.action(), lifted).statusCode()).isEqualTo(403);

    // No cookie at all: a cross-site POST from a fresh client.
    assertThat(new Browser().post(form.action(), lifted).statusCode()).isEqualTo(400);
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.PENDING);
  }

  @Test
  void outOfBandShowsTheVerifierOnThePage() throws Exception {
    OAuth10aService oob = server.scribe(TestProvider.KEY, TestProvider.SECRET, "oob");
    OAuth1RequestToken rt = oob.getRequestToken();
    HttpResponse<String> r = new Browser().login(URI.create(oob.getAuthorizationUrl(rt)), "demo_user", "demo_password");
    assertThat(r.statusCode()).isEqualTo(200);
    String verifier = Browser.elementText(r.body(), "verifier");
    assertThat(oob.getAccessToken(rt, verifier).getToken()).isNotEmpty();
  }

  @Test
  void denyRevokesTheRequestToken() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    Browser browser = new Browser();
    Browser.Form form = Browser.form(page, browser.get(page).body());
    Map<String, String> fields = new LinkedHashMap<>(form.hidden());
    fields.put("username", "demo_user");
    fields.put("password", "demo_password");
    fields.put("decision", "deny");
    HttpResponse<String> r = browser.post(form.action(), fields);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Access denied");
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.REVOKED);
    assertThat(browser.get(page).statusCode()).isEqualTo(400);
  }

  @Test
  void aStrangerWithoutCredentialsCannotDenySomebodyElsesAuthorization() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    URI page = URI.create(scribe.getAuthorizationUrl(rt));
    // The stranger loads the page in their own browser: a valid CSRF token and cookie of their own.
    Browser stranger = new Browser();
    Browser.Form form = Browser.form(page, stranger.get(page).body());
    Map<String, String> deny = new LinkedHashMap<>(form.hidden());
    deny.put("decision", "deny");
    HttpResponse<String> r = stranger.post(form.action(), deny);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("id=\"error\"", "<form").doesNotContain("Access denied");
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.PENDING);

    Browser.Form again = Browser.form(page, r.body());
    Map<String, String> guessed = new LinkedHashMap<>(again.hidden());
    guessed.put("username", "demo_user");
    guessed.put("password", "not-her-password");
    guessed.put("decision", "deny");
    assertThat(stranger.post(again.action(), guessed).body()).doesNotContain("Access denied");
    assertThat(server.tokens.find(rt.getToken()).state()).isEqualTo(TokenState.PENDING);

    // the victim's authorization is untouched and still goes through
    String verifier = server.approveInBrowser(rt, scribe, "demo_user", "demo_password");
    assertThat(scribe.getAccessToken(rt, verifier).getToken()).isNotEmpty();
  }

  @Test
  void thePageNamesTheApplicationEscapedAndForbidsFramingAndCaching() throws Exception {
    OAuth1RequestToken rt = scribe.getRequestToken();
    HttpResponse<String> r = new Browser().get(URI.create(scribe.getAuthorizationUrl(rt)));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("Mailer &lt;Pro&gt; &amp; &quot;Co&quot;").doesNotContain("<Pro>");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
    assertThat(r.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).contains("HttpOnly").contains("SameSite=Lax"));
    assertThat(r.body()).doesNotContain(rt.getTokenSecret());
  }

  @Test
  void unknownOrMissingRequestTokenOnThePage() throws Exception {
    Browser b = new Browser();
    assertThat(b.get(server.uri("/1.0/oauth/authorize?oauth_token=nope")).statusCode()).isEqualTo(400);
    assertThat(b.get(server.uri("/1.0/oauth/authorize")).statusCode()).isEqualTo(400);
    assertThat(b.get(server.uri("/1.0/oauth/authorize?oauth_token=a&oauth_token=b")).statusCode()).isEqualTo(400);
  }

  @Test
  void publicAppFlowEndToEndWithTheCodeFromThePage() throws Exception {
    HttpResponse<String> r = new Browser().login(server.uri("/1.0/oauth/authorize_app/bec40eec"), "demo_user", "demo_password");
    assertThat(r.statusCode()).isEqualTo(200);
    String[] code = Browser.elementText(r.body(), "authorization-code").split("\\|", -1);
    assertThat(code).hasSize(5);
    assertThat(code[0]).isNotEqualTo(TestProvider.KEY);

    OAuth10aService app = server.scribe(code[0], code[1], "oob");
    OAuth1AccessToken at = app.getAccessToken(new OAuth1RequestToken(code[2], code[3]), code[4]);
    OAuthRequest call = new OAuthRequest(Verb.GET, server.uri("/api/echo").toString());
    app.signRequest(at, call);
    Response resp = app.execute(call);
    assertThat(resp.getCode()).isEqualTo(200);
    assertThat(resp.getBody()).startsWith("user=demo_user\n");

    Browser b = new Browser();
    assertThat(b.get(server.uri("/1.0/oauth/authorize_app/deadbeef")).statusCode()).isEqualTo(404);
    // Jetty itself refuses the ambiguous encoded slash (400); either way nothing is authorized.
    assertThat(b.get(server.uri("/1.0/oauth/authorize_app/..%2F..")).statusCode()).isIn(400, 404);
    assertThat(b.get(server.uri("/1.0/oauth/authorize_app/BEC40EEC")).statusCode()).isEqualTo(404);
  }

  @Test
  void tokenEndpointsRefuseAsOAuthSays() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.uri("/1.0/oauth/request_token")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");

    OAuth10aService stranger = server.scribe("no_such_consumer", "x", server.callback());
    OAuthRequest req = new OAuthRequest(Verb.POST, server.uri("/1.0/oauth/request_token").toString());
    req.addOAuthParameter("oauth_callback", "oob");
    stranger.signRequest(new OAuth1AccessToken("", ""), req);
    Response r = stranger.execute(req);
    assertThat(r.getCode()).isEqualTo(401);
    assertThat(r.getBody()).startsWith("oauth_problem=consumer_key_unknown");
    assertThat(r.getHeader("WWW-Authenticate")).isEqualTo("OAuth realm=\"test-lists\"");

    OAuth10aService evil = server.scribe(TestProvider.KEY, TestProvider.SECRET, "http://evil.example/steal");
    try {
      evil.getRequestToken();
      throw new AssertionError("an unregistered callback was accepted");
    } catch (RuntimeException expected) {
      assertThat(expected.getMessage()).contains("parameter_rejected");
    }

    HttpResponse<String> broken = http.send(HttpRequest.newBuilder(server.uri("/1.0/oauth/request_token"))
            .header("Authorization", "OAuth oauth_consumer_key=\"unterminated")
            .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).startsWith("oauth_problem=");
  }
}
