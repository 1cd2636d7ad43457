package dev.portcullis.demo.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.scribejava.core.builder.ServiceBuilder;
import com.github.scribejava.core.builder.api.DefaultApi10a;
import com.github.scribejava.core.builder.api.OAuth1SignatureType;
import com.github.scribejava.core.model.OAuth1AccessToken;
import com.github.scribejava.core.model.OAuth1RequestToken;
import com.github.scribejava.core.model.OAuthRequest;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import com.github.scribejava.core.oauth.OAuth10aService;
import com.github.scribejava.core.services.RSASha1SignatureService;
import com.github.scribejava.core.services.SignatureService;
import dev.portcullis.demo.DemoClient;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import dev.portcullis.testing.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The email-lists API of the demo server over real sockets, with ScribeJava as the OAuth client. */
class EmailListsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static DemoServer server;
  private static DemoClient client;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build(), List.of(new EmailListsApi()));
    client = new DemoClient(server);
    base = "http://127.0.0.1:" + server.httpPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static final class Api extends DefaultApi10a {
    private final SignatureService signatures;
    private final OAuth1SignatureType type;

    Api(SignatureService signatures, OAuth1SignatureType type) {
      this.signatures = signatures;
      this.type = type;
    }

    @Override public String getRequestTokenEndpoint() { return base + "/1.0/oauth/request_token"; }
    @Override public String getAccessTokenEndpoint() { return base + "/1.0/oauth/access_token"; }
    @Override protected String getAuthorizationBaseUrl() { return base + "/1.0/oauth/authorize"; }
    @Override public SignatureService getSignatureService() { return signatures == null ? super.getSignatureService() : signatures; }
    @Override public OAuth1SignatureType getSignatureType() { return type; }
  }

  private static OAuth10aService service(SignatureService signatures, OAuth1SignatureType type) {
    return new ServiceBuilder("demo_consumer_key").apiSecret("demo_consumer_secret")
        .callback("http://localhost:8000/callback").build(new Api(signatures, type));
  }

  private static OAuth1AccessToken accessToken(OAuth10aService s, String user, String password) throws Exception {
    OAuth1RequestToken rt = s.getRequestToken();
    HttpResponse<String> r = new Browser().login(URI.create(s.getAuthorizationUrl(rt)), user, password);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("http://localhost:8000/callback?oauth_token=");
    return s.getAccessToken(rt, Browser.query(location).get("oauth_verifier"));
  }

  private static Response get(OAuth10aService s, OAuth1AccessToken at, String path) throws Exception {
    OAuthRequest req = new OAuthRequest(Verb.GET, base + path);
    s.signRequest(at, req);
    return s.execute(req);
  }

  @Test
  void theSeedsFlowReadsTheCampaignsAndTheAccounts() throws Exception {
    OAuth10aService s = service(null, OAuth1SignatureType.HEADER);
    OAuth1AccessToken at = accessToken(s, "demo_user", "demo_password");

    Response campaigns = get(s, at, "/1.0/accounts/1/lists/500000000/campaigns");
    assertThat(campaigns.getCode()).as(campaigns.getBody()).isEqualTo(200);
    assertThat(campaigns.getHeader("Content-Type")).startsWith("application/json");
    JsonNode page = JSON.readTree(campaigns.getBody());
    assertThat(page.get("total_size").asInt()).isZero();
    assertThat(page.get("start").asInt()).isZero();
    assertThat(page.get("entries").isArray()).isTrue();
    assertThat(page.get("entries")).isEmpty();
    assertThat(page.get("resource_type_link").asText()).endsWith("#campaign-page-resource");

    Response accounts = get(s, at, "/1.0/accounts");
    assertThat(accounts.getCode()).isEqualTo(200);
    JsonNode list = JSON.readTree(accounts.getBody());
    assertThat(list.get("total_size").asInt()).isEqualTo(1);
    assertThat(list.get("entries").get(0).get("id").asInt()).isEqualTo(1);
  }

  @Test
  void theSeedsFormBodyRequestsWithAnEmptyTokenWork() throws Exception {
    String url = base + "/1.0/oauth/request_token";
    java.util.Map<String, String> params = new java.util.HashMap<>(java.util.Map.of(
        "oauth_callback", "http://localhost/demo.php", "oauth_consumer_key", "demo_consumer_key",
        "oauth_nonce", UUID.randomUUID().toString(), "oauth_signature_method", "HMAC-SHA1",
        "oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000), "oauth_token", "",
        "oauth_version", "1.0"));
    HttpResponse<String> r = client.send("POST", url, null, null, "Content-Type", "application/x-www-form-urlencoded");
    assertThat(r.statusCode()).as("unsigned").isEqualTo(401);
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    HttpResponse<String> issued = http.send(java.net.http.HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                FormSigner.signedBody(url, params, "demo_consumer_secret", "")))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
    assertThat(issued.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/x-www-form-urlencoded"));
    assertThat(issued.body()).contains("oauth_token=", "oauth_token_secret=", "oauth_callback_confirmed=true");
  }

  @Test
  void anotherUsersAccountIsForbiddenAndAnUnknownListIsNotFound() throws Exception {
    OAuth10aService s = service(null, OAuth1SignatureType.HEADER);
    OAuth1AccessToken at = accessToken(s, "demo_user", "demo_password");
    assertThat(get(s, at, "/1.0/accounts/2/lists/500000000/campaigns").getCode()).isEqualTo(403);
    assertThat(get(s, at, "/1.0/accounts/1/lists/42/campaigns").getCode()).isEqualTo(404);

    OAuth1AccessToken other = accessToken(s, "other_user", "other_password");
    assertThat(get(s, other, "/1.0/accounts/1/lists/500000000/campaigns").getCode()).isEqualTo(403);
    assertThat(JSON.readTree(get(s, other, "/1.0/accounts").getBody()).get("entries").get(0).get("id").asInt())
        .isEqualTo(2);
  }

  @Test
  void oauthParametersInTheQueryStringWork() throws Exception {
    OAuth10aService s = service(null, OAuth1SignatureType.QUERY_STRING);
    OAuth1AccessToken at = accessToken(s, "demo_user", "demo_password");
    Response r = get(s, at, "/1.0/accounts/1/lists/500000000/campaigns?ws.size=10&q=" + URLEncoder.encode("é & ☃", StandardCharsets.UTF_8));
    assertThat(r.getCode()).as(r.getBody()).isEqualTo(200);
  }

  @Test
  void rsaSha1WithTheDemoKeyPair() throws Exception {
    String pem = EmailListsApi.resource(EmailListsApi.RSA_PRIVATE_KEY)
        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    OAuth10aService s = service(new RSASha1SignatureService(key), OAuth1SignatureType.HEADER);
    OAuth1AccessToken at = accessToken(s, "demo_user", "demo_password");
    assertThat(get(s, at, "/1.0/accounts/1/lists/500000000/campaigns").getCode()).isEqualTo(200);
  }

  @Test
  void plaintextOnlyOverHttps() throws Exception {
    OAuth10aService s = service(null, OAuth1SignatureType.HEADER);
    OAuth1AccessToken at = accessToken(s, "demo_user", "demo_password");
    String path = "/1.0/accounts/1/lists/500000000/campaigns";
    HttpResponse<String> tls = client.get(client.https(path), plaintext(at));
    assertThat(tls.statusCode()).as(tls.body()).isEqualTo(200);
    HttpResponse<String> plain = client.get(client.http(path), plaintext(at));
    assertThat(plain.statusCode()).isEqualTo(401);
    assertThat(plain.body()).startsWith("oauth_problem=signature_method_rejected");
  }

  private static String plaintext(OAuth1AccessToken at) {
    return "OAuth oauth_consumer_key=\"demo_consumer_key\", oauth_token=\"" + at.getToken()
        + "\", oauth_signature_method=\"PLAINTEXT\", oauth_timestamp=\"" + System.currentTimeMillis() / 1000
        + "\", oauth_nonce=\"" + UUID.randomUUID() + "\", oauth_version=\"1.0\", oauth_signature=\""
        + "demo_consumer_secret%26" + URLEncoder.encode(at.getTokenSecret(), StandardCharsets.UTF_8) + "\"";
  }

  @Test
  void refusalsCarryTheChallengeAndTheProblem() throws Exception {
    String path = "/1.0/accounts/1/lists/500000000/campaigns";
    HttpResponse<String> none = client.get(client.http(path), null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("OAuth realm=\"email-lists\"");

    OAuth10aService s = service(null, OAuth1SignatureType.HEADER);
    OAuth1AccessToken at = accessToken(s, "demo_user", "demo_password");
    Response forged = get(s, new OAuth1AccessToken(at.getToken(), "not-the-secret"), path);
    assertThat(forged.getCode()).isEqualTo(401);
    assertThat(forged.getBody()).startsWith("oauth_problem=signature_invalid");
    assertThat(forged.getBody()).doesNotContain(at.getTokenSecret());

    Response unknownToken = get(s, new OAuth1AccessToken("no-such-token", "x"), path);
    assertThat(unknownToken.getCode()).isEqualTo(401);
    assertThat(unknownToken.getBody()).startsWith("oauth_problem=token_rejected");

    HttpResponse<String> stale = client.get(client.http(path), plaintext(at).replaceFirst(
        "oauth_timestamp=\"\\d+\"", "oauth_timestamp=\"1285170570\"").replace("PLAINTEXT", "HMAC-SHA1"));
    assertThat(stale.statusCode()).isEqualTo(401);
    assertThat(stale.body()).startsWith("oauth_problem=timestamp_refused");

    HttpResponse<String> broken = client.get(client.http(path), "OAuth oauth_consumer_key=\"unterminated");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).doesNotContain("Exception");
  }

  @Test
  void publicAppFlowWithTheCodeFromThePage() throws Exception {
    HttpResponse<String> r = new Browser().login(URI.create(base + "/1.0/oauth/authorize_app/bec40eec"), "demo_user", "demo_password");
    assertThat(r.statusCode()).isEqualTo(200);
    String[] code = Browser.elementText(r.body(), "authorization-code").split("\\|", -1);
    assertThat(code).hasSize(5);
    OAuth10aService app = new ServiceBuilder(code[0]).apiSecret(code[1]).build(new Api(null, OAuth1SignatureType.HEADER));
    OAuth1AccessToken at = app.getAccessToken(new OAuth1RequestToken(code[2], code[3]), code[4]);
    assertThat(get(app, at, "/1.0/accounts/1/lists/500000000/campaigns").getCode()).isEqualTo(200);
    assertThat(get(app, at, "/1.0/accounts/2/lists/500000000/campaigns").getCode()).isEqualTo(403);
  }
}
