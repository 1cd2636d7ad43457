package dev.portcullis.it.ee;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.model.Response;
import dev.portcullis.core.Gate;
import dev.portcullis.it.Clients;
import dev.portcullis.it.Http;
import dev.portcullis.it.Libraries;
import dev.portcullis.it.ee.app.Security;
import dev.portcullis.servlet.security.PortcullisAuthenticationMechanism;
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
 * {@link PortcullisAuthenticationMechanism} in a real Jakarta EE 10 runtime (GlassFish 7 embedded,
 * whose Jakarta Security is Soteria): success for every scheme, 401 with every challenge and our
 * own body instead of the container's error page, and the identity and its groups as
 * {@code SecurityContext}, {@code isUserInRole}, {@code @ServletSecurity} and {@code @RolesAllowed}
 * see them.
 */
@ExtendWith(ArquillianExtension.class)
class JakartaSecurityIT {
  static final String API_KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";

  @Deployment(testable = false)
  static WebArchive war() {
    WebArchive war = ShrinkWrap.create(WebArchive.class, "ee.war").addPackage(Security.class.getPackage());
    return Libraries.add(war, Gate.class, PortcullisAuthenticationMechanism.class,
        org.slf4j.LoggerFactory.class, org.bouncycastle.jce.provider.BouncyCastleProvider.class);
  }

  @ArquillianResource URL base;

  URI uri(String path) {
    return URI.create(base.toString().replaceAll("/$", "") + path);
  }

  @Test
  void bearerAccountTokenIsTheCallerWithItsRoleAndScopeGroups() throws Exception {
    HttpResponse<String> r = Http.get(uri("/whoami"), "Authorization", "Bearer demo_api_token");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("caller=demo\n", "user_principal=demo\n", "in_account=true\n",
        "in_tokens_w=true\n", "in_contacts_r=false\n", "identity_scheme=Bearer\n",
        "attribute_subject=demo\n");
  }

  @Test
  void digestWithHttpClient5IsTheCustomerAndGetsAuthenticationInfo() throws Exception {
    URI u = uri("/whoami");
    try (CloseableHttpClient c = Clients.digest(u, API_KEY + "%ctct_customer", "mypassword")) {
      Clients.Answer a = Clients.execute(c, new HttpGet(u));
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body()).contains("caller=ctct_customer\n", "in_contacts_r=true\n", "in_account=false\n",
          "identity_scheme=Digest\n");
      assertThat(a.authenticationInfo()).contains("rspauth=");
    }
  }

  @Test
  void digestAuthIntPostStillDeliversTheBodyToTheServlet() throws Exception {
    URI u = uri("/whoami");
    try (CloseableHttpClient c = Clients.digest(u, API_KEY + "%ctct_customer", "mypassword")) {
      HttpPost post = new HttpPost(u);
      post.setEntity(new StringEntity("{\"n\":1}", ContentType.APPLICATION_JSON));
      Clients.Answer a = Clients.execute(c, post);
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body()).contains("caller=ctct_customer\n", "body={\"n\":1}\n");
      assertThat(a.authenticationInfo()).contains("qop=auth-int");
    }
  }

  @Test
  void oauthSignedWithScribeJavaIsTheUser() throws Exception {
    Response r = Clients.signedGet(Clients.oauth("demo_consumer_key", "demo_consumer_secret"),
        "demo_access_token", "demo_access_secret", uri("/whoami?x=1"));
    assertThat(r.getCode()).isEqualTo(200);
    assertThat(r.getBody()).contains("caller=demo_user\n", "in_lists_r=true\n", "identity_scheme=OAuth\n");
  }

  @Test
  void noCredentialsGets401WithEveryChallengeAndOurJsonNotTheErrorPage() throws Exception {
    HttpResponse<String> r = Http.get(uri("/whoami"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .anySatisfy(h -> assertThat(h).startsWith("Basic realm=\"catalog\""))
        .anySatisfy(h -> assertThat(h).startsWith("Bearer realm=\"catalog\""))
        .anySatisfy(h -> assertThat(h).startsWith("Digest ").contains("algorithm=SHA-256"))
        .anySatisfy(h -> assertThat(h).startsWith("OAuth realm=\"lists@portcullis\""));
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(r.body()).startsWith("{").contains("\"status\":401").doesNotContainIgnoringCase("<html");
  }

  @Test
  void aRefusedTokenGets401WithInvalidTokenAndOurBody() throws Exception {
    HttpResponse<String> r = Http.get(uri("/whoami"), "Authorization", "Bearer not_a_real_token");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .anySatisfy(h -> assertThat(h).startsWith("Bearer ").contains("error=\"invalid_token\""));
    assertThat(r.body()).startsWith("{").doesNotContain("not_a_real_token").doesNotContainIgnoringCase("<html");
  }

  @Test
  void aBrokenAuthorizationHeaderIs400WithAMessage() throws Exception {
    HttpResponse<String> r = Http.get(uri("/whoami"), "Authorization", "Digest username=\"a\", username=\"b\"");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).startsWith("{").doesNotContainIgnoringCase("<html");
  }

  @Test
  void rolesAllowedOnAJaxRsResourceSeesTheScopeGroups() throws Exception {
    HttpResponse<String> ok = Http.get(uri("/api/admin"), "Authorization", Http.basic("demo_api_token", ""));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("admin demo account=true");

    URI u = uri("/api/admin");
    try (CloseableHttpClient c = Clients.digest(u, API_KEY + "%ctct_customer", "mypassword")) {
      assertThat(Clients.execute(c, new HttpGet(u)).status()).isEqualTo(403);
    }
  }

  @Test
  void anUnprotectedServletIsReachedWithoutCredentials() throws Exception {
    HttpResponse<String> r = Http.get(uri("/open"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("open to anyone");
  }
}
