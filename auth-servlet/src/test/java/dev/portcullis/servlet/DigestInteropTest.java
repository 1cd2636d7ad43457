package dev.portcullis.servlet;

import static dev.portcullis.testing.DigestFixture.DISABLED;
import static dev.portcullis.testing.DigestFixture.JSON;
import static dev.portcullis.testing.DigestFixture.KEY;
import static dev.portcullis.testing.DigestFixture.REALM;
import static dev.portcullis.testing.DigestFixture.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.testing.DigestCrafter;
import dev.portcullis.testing.DigestFixture;
import dev.portcullis.testing.JettyHarness;
import dev.portcullis.testing.MutableClock;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP Digest through {@link AuthFilter} over a real socket: Apache HttpClient 5 and the JDK's
 * HttpURLConnection as real clients, crafted requests for the refusals.
 */
class DigestInteropTest {
  static final String PATH = "/ws/customers/ctct_customer/contacts";

  static final MutableClock CLOCK = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  static JettyHarness jetty;

  /** What the application sees: the principal and the body, unchanged. */
  static final class Contacts extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Identity id = (Identity) req.getAttribute(AuthFilter.IDENTITY_ATTRIBUTE);
      String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      resp.setStatus(req.getMethod().equals("POST") ? 201 : 200);
      resp.setContentType("text/plain; charset=UTF-8");
      resp.getWriter().write(req.getUserPrincipal().getName() + "|" + id.application() + "|"
          + id.attributes().get("digest.algorithm") + "|" + id.attributes().get("digest.qop") + "|" + body);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    DigestScheme digest = DigestFixture.scheme(CLOCK, "interop-test-nonce-key-0123456789abcdef");
    AuthFilter filter = AuthFilter.builder().gate(Gate.builder().scheme(digest).build())
        .rule(Rule.of("GET", "/ws/customers/{customer}/contacts", "contacts", Operation.READ).resourceFromPath("customer"))
        .rule(Rule.of("POST", "/ws/customers/{customer}/contacts", "contacts", Operation.WRITE).resourceFromPath("customer"))
        .denyUnmatched(true)
        .build();
    jetty = JettyHarness.start(ctx -> {
      ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new Contacts()), "/ws/*");
    });
  }

  @AfterAll
  static void stop() throws Exception {
    jetty.close();
  }

  static CloseableHttpClient apache(String user, String password) {
    return DigestFixture.apache(jetty.baseUri(), user, password);
  }

  @Test
  void apacheHttpClient5GetAnswersTheFirstChallenge() throws Exception {
    try (CloseableHttpClient c = apache(USER, "mypassword")) {
      String[] r = DigestFixture.execute(c, new HttpGet(jetty.uri(PATH + "?page=1&q=a%20b")));
      assertThat(r[0]).isEqualTo("200");
      assertThat(r[1]).startsWith("ctct_customer|" + KEY + "|SHA-256|auth|");
      assertThat(r[2]).contains("rspauth=", "qop=auth", "nc=00000001");
    }
  }

  @Test
  void apacheHttpClient5PostJsonUsesAuthIntAndTheBodyArrivesUnchanged() throws Exception {
    try (CloseableHttpClient c = apache(USER, "mypassword")) {
      HttpPost post = new HttpPost(jetty.uri(PATH));
      post.setEntity(new StringEntity(JSON, ContentType.APPLICATION_JSON));
      String[] r = DigestFixture.execute(c, post);
      assertThat(r[0]).isEqualTo("201");
      assertThat(r[1]).isEqualTo("ctct_customer|" + KEY + "|SHA-256|auth-int|" + JSON);
      assertThat(r[2]).contains("qop=auth-int");
    }
  }

  @Test
  void apacheHttpClient5WithWrongPasswordOrDisabledKeyGets401() throws Exception {
    try (CloseableHttpClient c = apache(USER, "wrong")) {
      assertThat(DigestFixture.execute(c, new HttpGet(jetty.uri(PATH)))[0]).isEqualTo("401");
    }
    try (CloseableHttpClient c = apache(DISABLED + "%ctct_customer", "mypassword")) {
      assertThat(DigestFixture.execute(c, new HttpGet(jetty.uri(PATH)))[0]).isEqualTo("401");
    }
  }

  @Test
  void anotherCustomersContactsAre403() throws Exception {
    try (CloseableHttpClient c = apache(USER, "mypassword")) {
      assertThat(DigestFixture.execute(c, new HttpGet(jetty.uri("/ws/customers/other_customer/contacts")))[0]).isEqualTo("403");
    }
  }

  static HttpURLConnection jdk(String path, String user, String password) throws IOException {
    return DigestFixture.jdk(jetty.uri(path), user, password);
  }

  @Test
  void jdkHttpUrlConnectionGetAndPostAnswerTheLastChallenge() throws Exception {
    HttpURLConnection get = jdk(PATH + "?x=%2F", USER, "mypassword");
    assertThat(get.getResponseCode()).isEqualTo(200);
    try (InputStream in = get.getInputStream()) {
      // the JDK answers the last challenge: SHA-256 (it refuses MD5 over plain HTTP from JDK 19 on)
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("ctct_customer|" + KEY + "|SHA-256|auth|");
    }
    HttpURLConnection post = jdk(PATH, USER, "mypassword");
    post.setRequestMethod("POST");
    post.setDoOutput(true);
    post.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = post.getOutputStream()) {
      out.write(JSON.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(post.getResponseCode()).isEqualTo(201);
    try (InputStream in = post.getInputStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).endsWith("|" + JSON);
    }
  }

  static HttpResponse<String> raw(String method, String path, byte[] body, String... headers) throws Exception {
    return DigestFixture.raw(method, jetty.uri(path), body, headers);
  }

  static String nonce(String algorithm) throws Exception {
    HttpResponse<String> r = raw("GET", PATH, new byte[0]);
    assertThat(r.statusCode()).isEqualTo(401);
    return DigestCrafter.challenge(r.headers().allValues("WWW-Authenticate"), algorithm).get("nonce");
  }

  static String auth(String method, String uri, String user, String nonce, String nc, String qop, byte[] body) {
    return DigestCrafter.authorization(method, uri, user, "mypassword", REALM, "SHA-256", nonce, nc, qop, body);
  }

  @Test
  void replayedRequestIs401() throws Exception {
    String h = auth("GET", PATH, USER, nonce("SHA-256"), "00000001", "auth", new byte[0]);
    assertThat(raw("GET", PATH, new byte[0], "Authorization", h).statusCode()).isEqualTo(200);
    HttpResponse<String> again = raw("GET", PATH, new byte[0], "Authorization", h);
    assertThat(again.statusCode()).isEqualTo(401);
    assertThat(again.headers().allValues("WWW-Authenticate")).hasSize(3).noneMatch(v -> v.contains("stale"));
  }

  @Test
  void staleNonceIs401WithStaleTrueAndOnlyWhenTheDigestVerified() throws Exception {
    String nonce = nonce("SHA-256");
    CLOCK.advance(Duration.ofMinutes(10));
    try {
      HttpResponse<String> r = raw("GET", PATH, new byte[0], "Authorization", auth("GET", PATH, USER, nonce, "00000001", "auth", new byte[0]));
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().allValues("WWW-Authenticate")).hasSize(3).allMatch(v -> v.endsWith("stale=true"));
      String wrong = DigestCrafter.authorization("GET", PATH, USER, "wrong", REALM, "SHA-256", nonce, "00000002", "auth", new byte[0]);
      HttpResponse<String> w = raw("GET", PATH, new byte[0], "Authorization", wrong);
      assertThat(w.statusCode()).isEqualTo(401);
      assertThat(w.headers().allValues("WWW-Authenticate")).noneMatch(v -> v.contains("stale"));
    } finally {
      CLOCK.advance(Duration.ofMinutes(-10));
    }
  }

  @Test
  void wrongUriIs400() throws Exception {
    String h = auth("GET", "/ws/customers/ctct_customer/contacts?x=1", USER, nonce("SHA-256"), "00000001", "auth", new byte[0]);
    HttpResponse<String> r = raw("GET", PATH, new byte[0], "Authorization", h);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("uri");
  }

  @Test
  void tamperedBodyUnderAuthIntIs401() throws Exception {
    byte[] signed = JSON.getBytes(StandardCharsets.UTF_8);
    String h = auth("POST", PATH, USER, nonce("SHA-256"), "00000001", "auth-int", signed);
    HttpResponse<String> r = raw("POST", PATH, "{\"name\":\"Mallory\"}".getBytes(StandardCharsets.UTF_8),
        "Authorization", h, "Content-Type", "application/json");
    assertThat(r.statusCode()).isEqualTo(401);
    HttpResponse<String> ok = raw("POST", PATH, signed, "Authorization",
        auth("POST", PATH, USER, nonce("SHA-256"), "00000001", "auth-int", signed), "Content-Type", "application/json");
    assertThat(ok.statusCode()).isEqualTo(201);
    assertThat(ok.body()).endsWith("|auth-int|" + JSON);
  }

  @Test
  void disabledKeyIs401ExactlyLikeAWrongPassword() throws Exception {
    String disabled = auth("GET", PATH, DISABLED + "%ctct_customer", nonce("SHA-256"), "00000001", "auth", new byte[0]);
    String wrong = DigestCrafter.authorization("GET", PATH, USER, "wrong", REALM, "SHA-256", nonce("SHA-256"), "00000001", "auth", new byte[0]);
    HttpResponse<String> a = raw("GET", PATH, new byte[0], "Authorization", disabled);
    HttpResponse<String> b = raw("GET", PATH, new byte[0], "Authorization", wrong);
    assertThat(a.statusCode()).isEqualTo(401);
    assertThat(b.statusCode()).isEqualTo(401);
    assertThat(a.body()).isEqualTo(b.body());
    assertThat(a.headers().allValues("WWW-Authenticate")).hasSameSizeAs(b.headers().allValues("WWW-Authenticate"));
    Map<String, String> ca = DigestCrafter.params(a.headers().allValues("WWW-Authenticate").get(0).substring(7));
    Map<String, String> cb = DigestCrafter.params(b.headers().allValues("WWW-Authenticate").get(0).substring(7));
    ca.remove("nonce");
    cb.remove("nonce");
    assertThat(ca).isEqualTo(cb);
  }

  @Test
  void duplicateParameterIs400() throws Exception {
    String h = auth("GET", PATH, USER, nonce("SHA-256"), "00000001", "auth", new byte[0]) + ", realm=\"x\"";
    assertThat(raw("GET", PATH, new byte[0], "Authorization", h).statusCode()).isEqualTo(400);
  }

  @Test
  void unauthenticatedRequestGetsThreeChallengesSha256FirstAndLast() throws Exception {
    List<String> ch = raw("GET", PATH, new byte[0]).headers().allValues("WWW-Authenticate");
    assertThat(ch).hasSize(3);
    assertThat(ch.get(0)).contains("algorithm=SHA-256");
    assertThat(ch.get(1)).contains("algorithm=MD5");
    assertThat(ch.get(2)).contains("algorithm=SHA-256");
    assertThat(URI.create(jetty.baseUri().toString())).isNotNull();
  }
}
