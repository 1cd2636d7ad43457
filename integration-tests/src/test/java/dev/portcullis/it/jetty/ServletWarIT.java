package dev.portcullis.it.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.portcullis.it.Clients;
import dev.portcullis.it.Http;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The samples/servlet-war WAR, exactly as Maven built it, deployed into embedded Jetty 12 ee10 and
 * called over HTTP by independent clients: each scheme's success, its 401 and challenges, a 403,
 * and the principal the servlet sees.
 */
@ExtendWith(ArquillianExtension.class)
class ServletWarIT {
  static final String API_KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";
  static final String DISABLED_API_KEY = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

  @Deployment(testable = false)
  static WebArchive war() {
    File war = new File(System.getProperty("it.servlet-war", "target/wars/servlet-war.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }

  @ArquillianResource URL base;

  URI uri(String path) {
    return URI.create(base.toString().replaceAll("/$", "") + path);
  }

  // --- Digest -------------------------------------------------------------------------------

  @Test
  void digestGetWithHttpClient5ReachesTheServletAsTheCustomer() throws Exception {
    URI u = uri("/ws/customers/ctct_customer/contacts");
    try (CloseableHttpClient c = Clients.digest(u, API_KEY + "%ctct_customer", "mypassword")) {
      Clients.Answer a = Clients.execute(c, new HttpGet(u));
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body()).contains("\"principal\":\"ctct_customer\"", "\"remote_user\":\"ctct_customer\"",
          "\"auth_type\":\"DIGEST\"", "\"scheme\":\"Digest\"", "\"application\":\"" + API_KEY + "\"");
      assertThat(a.authenticationInfo()).contains("rspauth=");
    }
  }

  @Test
  void digestAuthIntPostDeliversTheBodyUnchanged() throws Exception {
    URI u = uri("/ws/customers/ctct_customer/contacts");
    String json = "{\"name\":\"Grace Hopper\",\"email\":\"grace@example.org\"}";
    try (CloseableHttpClient c = Clients.digest(u, API_KEY + "%ctct_customer", "mypassword")) {
      HttpPost post = new HttpPost(u);
      post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
      Clients.Answer a = Clients.execute(c, post);
      assertThat(a.status()).isEqualTo(201);
      assertThat(a.body()).contains("\"received\":\"{\\\"name\\\":\\\"Grace Hopper\\\"");
      assertThat(a.authenticationInfo()).contains("qop=auth-int");
    }
  }

  @Test
  void digestWithoutCredentialsGets401WithSha256AndMd5Challenges() throws Exception {
    HttpResponse<String> r = Http.get(uri("/ws/customers/ctct_customer/contacts"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .anySatisfy(h -> assertThat(h).startsWith("Digest ").contains("realm=\"contacts@portcullis\"", "algorithm=SHA-256"))
        .anySatisfy(h -> assertThat(h).startsWith("Digest ").contains("algorithm=MD5"));
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
  }

  @Test
  void digestWrongPasswordAndDisabledApiKeyAre401() throws Exception {
    URI u = uri("/ws/customers/ctct_customer/contacts");
    try (CloseableHttpClient c = Clients.digest(u, API_KEY + "%ctct_customer", "wrong")) {
      assertThat(Clients.execute(c, new HttpGet(u)).status()).isEqualTo(401);
    }
    try (CloseableHttpClient c = Clients.digest(u, DISABLED_API_KEY + "%ctct_customer", "mypassword")) {
      assertThat(Clients.execute(c, new HttpGet(u)).status()).isEqualTo(401);
    }
  }

  @Test
  void digestCustomerReadingAnotherCustomersContactsGets403() throws Exception {
    URI u = uri("/ws/customers/other_customer/contacts");
    try (CloseableHttpClient c = Clients.digest(u, API_KEY + "%ctct_customer", "mypassword")) {
      Clients.Answer a = Clients.execute(c, new HttpGet(u));
      assertThat(a.status()).isEqualTo(403);
      assertThat(a.body()).contains("contacts(r)").doesNotContain("mypassword");
    }
  }

  // --- OAuth 1.0a -----------------------------------------------------------------------------

  @Test
  void oauthSignedRequestWithScribeJavaReachesTheServletAsTheUser() throws Exception {
    OAuth10aService s = Clients.oauth("demo_consumer_key", "demo_consumer_secret");
    Response r = Clients.signedGet(s, "demo_access_token", "demo_access_secret",
        uri("/1.0/accounts/1/lists/500000000/campaigns?start=0"));
    assertThat(r.getCode()).isEqualTo(200);
    assertThat(r.getBody()).contains("\"total_size\":0", "\"principal\":\"demo_user\"",
        "\"auth_type\":\"OAuth\"", "\"application\":\"demo_consumer_key\"");
  }

  @Test
  void oauthAccessTokenOfAnotherAccountGets403() throws Exception {
    OAuth10aService s = Clients.oauth("demo_consumer_key", "demo_consumer_secret");
    Response r = Clients.signedGet(s, "other_access_token", "other_access_secret",
        uri("/1.0/accounts/1/lists/500000000/campaigns"));
    assertThat(r.getCode()).isEqualTo(403);
  }

  @Test
  void oauthWithoutCredentialsOrWithABadSignatureGets401AndAProblem() throws Exception {
    HttpResponse<String> none = Http.get(uri("/1.0/accounts"));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().allValues("WWW-Authenticate")).containsExactly("OAuth realm=\"lists@portcullis\"");

    OAuth10aService wrong = Clients.oauth("demo_consumer_key", "not_the_secret");
    Response r = Clients.signedGet(wrong, "demo_access_token", "demo_access_secret", uri("/1.0/accounts"));
    assertThat(r.getCode()).isEqualTo(401);
    assertThat(r.getHeader("WWW-Authenticate")).startsWith("OAuth realm=\"lists@portcullis\"");
    assertThat(r.getBody()).contains("oauth_problem=signature_invalid");
  }

  // --- API tokens: Basic and Bearer -------------------------------------------------------------

  @Test
  void basicWithTheAccountTokenReachesTheServletAsTheAccount() throws Exception {
    HttpResponse<String> r = Http.get(uri("/v2/items?key=key_demo_index"),
        "Authorization", Http.basic("demo_api_token", ""));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"key\":\"key_demo_index\"", "\"principal\":\"demo\"",
        "\"auth_type\":\"BASIC\"", "\"in_role_account\":true", "\"in_role_token\":false");
  }

  @Test
  void bearerWithTheAccountTokenOnAnotherAccountsKeyGets403() throws Exception {
    HttpResponse<String> r = Http.get(uri("/v2/items?key=key_other_index"),
        "Authorization", "Bearer demo_api_token");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).contains("error=\"insufficient_scope\""));
  }

  @Test
  void aScopedReadTokenReadsButMayNotWriteNorMintTokens() throws Exception {
    HttpResponse<String> minted = Http.post(uri("/v1/tokens"), "application/x-www-form-urlencoded",
        "name=reader&op=r&key=key_demo_index", "Authorization", Http.basic("demo_api_token", ""));
    assertThat(minted.statusCode()).isEqualTo(201);
    String token = minted.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    assertThat(token).startsWith("pct_");

    HttpResponse<String> read = Http.get(uri("/v2/items?key=key_demo_index"), "Authorization", "Bearer " + token);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).contains("\"principal\":\"demo\"", "\"auth_type\":\"Bearer\"", "\"in_role_token\":true");

    HttpResponse<String> write = Http.post(uri("/v2/items?key=key_demo_index"), "application/json", "{}",
        "Authorization", "Bearer " + token);
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer ").contains("error=\"insufficient_scope\""));
    assertThat(write.body()).contains("items(w)").doesNotContain(token);

    HttpResponse<String> mint = Http.post(uri("/v1/tokens"), "application/x-www-form-urlencoded",
        "name=again&op=r&key=key_demo_index", "Authorization", "Bearer " + token);
    assertThat(mint.statusCode()).isEqualTo(403);
  }

  @Test
  void tokensWithoutCredentialsOrWithAnUnknownTokenGet401WithBothChallenges() throws Exception {
    HttpResponse<String> none = Http.get(uri("/v2/items?key=key_demo_index"));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().allValues("WWW-Authenticate"))
        .anySatisfy(h -> assertThat(h).startsWith("Basic realm=\"catalog\""))
        .anySatisfy(h -> assertThat(h).startsWith("Bearer realm=\"catalog\""));

    HttpResponse<String> unknown = Http.get(uri("/v2/items?key=key_demo_index"),
        "Authorization", "Bearer no_such_token");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.headers().allValues("WWW-Authenticate"))
        .anySatisfy(h -> assertThat(h).startsWith("Bearer ").contains("error=\"invalid_token\""));
  }

  @Test
  void aPublicPathAnswersWithoutCredentialsAndWithoutAPrincipal() throws Exception {
    HttpResponse<String> r = Http.get(uri("/v2/ping"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"status\":\"ok\"", "\"principal\":null");
  }
}
