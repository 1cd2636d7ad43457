package dev.portcullis.jaxrs;

import static dev.portcullis.testing.DigestFixture.DISABLED;
import static dev.portcullis.testing.DigestFixture.JSON;
import static dev.portcullis.testing.DigestFixture.KEY;
import static dev.portcullis.testing.DigestFixture.REALM;
import static dev.portcullis.testing.DigestFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.testing.DigestCrafter;
import dev.portcullis.testing.DigestFixture;
import dev.portcullis.testing.MutableClock;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP Digest through {@link PortcullisFeature} (Jersey in Jetty, real socket): Apache HttpClient 5
 * and the JDK's HttpURLConnection, plus crafted refusals.
 */
class DigestJaxrsInteropTest {
  static final String PATH = "/api/ws/customers/ctct_customer/contacts";
  static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  static JerseyOnJetty server;

  /** The contacts resource as a JAX-RS application would write it. */
  @Path("/ws/customers/{customer}/contacts")
  public static final class Contacts {
    @Context SecurityContext security;

    @GET
    @RequiresScope(value = "contacts", op = "r", pathParam = "customer")
    public String list(@PathParam("customer") String customer) {
      Identity id = Identities.from(security);
      return security.getUserPrincipal().getName() + "|" + id.application() + "|"
          + id.attributes().get("digest.algorithm") + "|" + id.attributes().get("digest.qop") + "|";
    }

    @POST
    @RequiresScope(value = "contacts", op = "w", pathParam = "customer")
    public Response add(@PathParam("customer") String customer, String body) {
      Identity id = Identities.from(security);
      return Response.status(201).entity(customer + "|" + id.attributes().get("digest.qop") + "|" + body).build();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    DigestScheme digest = DigestFixture.scheme(CLOCK, "jaxrs-test-nonce-key-0123456789abcdef012");
    ResourceConfig app = new ResourceConfig(Contacts.class)
        .register(PortcullisFeature.builder().gate(Gate.builder().scheme(digest).build()).denyUnannotated(true).build());
    server = JerseyOnJetty.start(Map.of("/api", app), true);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static CloseableHttpClient apache(String user, String password) {
    return DigestFixture.apache(server.uri("/"), user, password);
  }

  @Test
  void apacheHttpClient5GetAndPostJsonWithAuthInt() throws Exception {
    try (CloseableHttpClient c = apache(USER, "mypassword")) {
      String[] get = DigestFixture.execute(c, new HttpGet(server.uri(PATH + "?page=2&q=%7Bx%7D")));
      assertThat(get[0]).isEqualTo("200");
      assertThat(get[1]).isEqualTo("ctct_customer|" + KEY + "|SHA-256|auth|");
      assertThat(get[2]).contains("rspauth=");
      HttpPost post = new HttpPost(server.uri(PATH));
      post.setEntity(new StringEntity(JSON, ContentType.APPLICATION_JSON));
      String[] r = DigestFixture.execute(c, post);
      assertThat(r[0]).isEqualTo("201");
      assertThat(r[1]).isEqualTo("ctct_customer|auth-int|" + JSON);
      assertThat(r[2]).contains("qop=auth-int");
    }
  }

  @Test
  void apacheHttpClient5OtherCustomerIs403AndDisabledKeyIs401() throws Exception {
    try (CloseableHttpClient c = apache(USER, "mypassword")) {
      assertThat(DigestFixture.execute(c, new HttpGet(server.uri("/api/ws/customers/other_customer/contacts")))[0]).isEqualTo("403");
    }
    try (CloseableHttpClient c = apache(DISABLED + "%ctct_customer", "mypassword")) {
      assertThat(DigestFixture.execute(c, new HttpGet(server.uri(PATH)))[0]).isEqualTo("401");
    }
  }

  static HttpURLConnection jdk(String path) throws IOException {
    return DigestFixture.jdk(server.uri(path), USER, "mypassword");
  }

  @Test
  void jdkHttpUrlConnectionGetAndPost() throws Exception {
    HttpURLConnection get = jdk(PATH);
    assertThat(get.getResponseCode()).isEqualTo(200);
    try (InputStream in = get.getInputStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ctct_customer|" + KEY + "|SHA-256|auth|");
    }
    HttpURLConnection post = jdk(PATH);
    post.setRequestMethod("POST");
    post.setDoOutput(true);
    post.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = post.getOutputStream()) {
      out.write(JSON.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(post.getResponseCode()).isEqualTo(201);
    try (InputStream in = post.getInputStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ctct_customer|auth|" + JSON);
    }
  }

  static HttpResponse<String> raw(String method, String path, byte[] body, String... headers) throws Exception {
    return DigestFixture.raw(method, server.uri(path), body, headers);
  }

  static String nonce() throws Exception {
    HttpResponse<String> r = raw("GET", PATH, new byte[0]);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).hasSize(3);
    return DigestCrafter.challenge(r.headers().allValues("WWW-Authenticate"), "SHA-256").get("nonce");
  }

  static String auth(String method, String uri, String user, String password, String nonce, String nc, String qop, byte[] body) {
    return DigestCrafter.authorization(method, uri, user, password, REALM, "SHA-256", nonce, nc, qop, body);
  }

  @Test
  void replayIs401() throws Exception {
    String h = auth("GET", PATH, USER, "mypassword", nonce(), "00000001", "auth", new byte[0]);
    assertThat(raw("GET", PATH, new byte[0], "Authorization", h).statusCode()).isEqualTo(200);
    assertThat(raw("GET", PATH, new byte[0], "Authorization", h).statusCode()).isEqualTo(401);
  }

  @Test
  void staleNonceIs401WithStaleTrue() throws Exception {
    String nonce = nonce();
    CLOCK.advance(Duration.ofMinutes(10));
    try {
      HttpResponse<String> r = raw("GET", PATH, new byte[0], "Authorization", auth("GET", PATH, USER, "mypassword", nonce, "00000001", "auth", new byte[0]));
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate")).allMatch(v -> v.endsWith("stale=true"));
    } finally {
      CLOCK.advance(Duration.ofMinutes(-10));
    }
  }

  @Test
  void wrongUriIs400() throws Exception {
    String h = auth("GET", "/api/ws/customers/other_customer/contacts", USER, "mypassword", nonce(), "00000001", "auth", new byte[0]);
    assertThat(raw("GET", PATH, new byte[0], "Authorization", h).statusCode()).isEqualTo(400);
  }

  @Test
  void tamperedBodyUnderAuthIntIs401() throws Exception {
    byte[] signed = JSON.getBytes(StandardCharsets.UTF_8);
    String h = auth("POST", PATH, USER, "mypassword", nonce(), "00000001", "auth-int", signed);
    HttpResponse<String> r = raw("POST", PATH, "{\"name\":\"Mallory\"}".getBytes(StandardCharsets.UTF_8),
        "Authorization", h, "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(401);
  }

  @Test
  void disabledKeyIs401LikeAWrongPassword() throws Exception {
    HttpResponse<String> a = raw("GET", PATH, new byte[0], "Authorization",
        auth("GET", PATH, DISABLED + "%ctct_customer", "mypassword", nonce(), "00000001", "auth", new byte[0]));
    HttpResponse<String> b = raw("GET", PATH, new byte[0], "Authorization",
        auth("GET", PATH, USER, "wrong", nonce(), "00000001", "auth", new byte[0]));
    assertThat(a.statusCode()).isEqualTo(401);
    assertThat(b.statusCode()).isEqualTo(401);
    assertThat(a.body()).isEqualTo(b.body());
  }
}
