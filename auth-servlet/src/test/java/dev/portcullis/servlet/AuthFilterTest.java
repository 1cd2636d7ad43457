package dev.portcullis.servlet;

import dev.portcullis.core.http.AdapterOptions;
import static dev.portcullis.servlet.Http.get;
import static dev.portcullis.servlet.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Operation;
import dev.portcullis.testing.JettyHarness;
import dev.portcullis.testing.LogCapture;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The filter's generic behaviour over a real socket, driven through a test-only scheme so that each
 * adapter duty (public paths, rules, body replay, error mapping) is checked without any real
 * credential logic in the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthFilterTest {
  private final TestScheme scheme = new TestScheme();
  private JettyHarness jetty;
  private JettyHarness strict;

  @BeforeAll
  void start() throws Exception {
    Gate gate = Gate.builder().scheme(scheme).build();
    AuthFilter filter = AuthFilter.builder()
        .gate(gate)
        .publicPath("/health")
        .publicPath("/search/*")
        .publicPath("/browse/{filter}/{value}")
        .rule(Rule.of("GET", "/v2/items", "items", Operation.READ).resourceFromQuery("key"))
        .rule(Rule.of("POST", "/v2/items", "items", Operation.WRITE).resourceFromQuery("key"))
        .rule(Rule.of("PUT", "/ws/customers/{customer}/contacts", "contacts", Operation.WRITE)
            .resourceFromPath("customer"))
        .rule(Rule.of("*", "/tenant/*", "tenant", Operation.READ).resourceFromHeader("X-Tenant"))
        .rule("GET", "/admin", "admin", Operation.READ)
        .options(AdapterOptions.builder().maxBodyBytes(64).build())
        .build();
    jetty = JettyHarness.start(ctx -> {
      ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    });
    AuthFilter denying = AuthFilter.builder().gate(gate)
        .rule(Rule.of("GET", "/v2/items", "items", Operation.READ).resourceFromQuery("key"))
        .denyUnmatched(true)
        .build();
    strict = JettyHarness.builder().contextPath("/app").context(ctx -> {
      ctx.addFilter(new FilterHolder(denying), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    }).start();
  }

  @AfterAll
  void stop() throws Exception {
    jetty.close();
    strict.close();
  }

  @Test
  void publicPathsPassWithoutReadingAuthorization() throws Exception {
    int before = scheme.calls.get();
    for (String path : new String[] {"/health", "/search/shoes", "/search", "/browse/color/red"}) {
      HttpResponse<String> r = get(jetty.uri(path), "Authorization", "Test mallory;boom");
      assertThat(r.statusCode()).as(path).isEqualTo(200);
      assertThat(r.body()).contains("principal=-");
    }
    assertThat(scheme.calls.get()).isEqualTo(before);
    // Neighbours of public paths are not public.
    assertThat(get(jetty.uri("/healthz")).statusCode()).isEqualTo(401);
    assertThat(get(jetty.uri("/browse/color")).statusCode()).isEqualTo(401);
  }

  @Test
  void missingCredentialsGet401WithChallengeAndNoStore() throws Exception {
    HttpResponse<String> r = get(jetty.uri("/anything"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Test realm=\"test\"");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
    assertThat(r.body()).isEqualTo("{\"status\":401,\"error\":\"unauthorized\",\"message\":\"Authentication is required.\"}");
  }

  @Test
  void refusedCredentialsGetTheSchemesRejection() throws Exception {
    HttpResponse<String> r = get(jetty.uri("/anything"), "Authorization", "Test alice;wrong");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("\"error\":\"invalid_credentials\"");
    assertThat(r.headers().allValues("WWW-Authenticate")).containsExactly("Test realm=\"test\"");
  }

  @Test
  void applicationSeesPrincipalAuthTypeRolesAndIdentity() throws Exception {
    HttpResponse<String> r = get(jetty.uri("/profile"), "Authorization", "Test alice;role=reader;info");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("principal=alice\n", "remoteUser=alice\n", "authType=Test\n",
        "role.admin=false\n", "role.reader=true\n", "identity=alice/Test\n");
    assertThat(r.headers().firstValue("Authentication-Info")).hasValue("test=ok");
    assertThat(r.headers().firstValue("X-Raw")).hasValue("/profile?null");
  }

  @Test
  void theViewCarriesTheRawPathAndQuery() throws Exception {
    HttpResponse<String> r = get(jetty.uri("/a%20b/c?x=1%262&y"), "Authorization", "Test alice");
    assertThat(r.headers().firstValue("X-Raw")).hasValue("/a%20b/c?x=1%262&y");
    assertThat(r.headers().firstValue("X-Secure")).hasValue("false");
  }

  @Test
  void queryResourceRules() throws Exception {
    String auth = "Test alice;grant=items:r:k1";
    assertThat(get(jetty.uri("/v2/items?key=k1"), "Authorization", auth).statusCode()).isEqualTo(200);
    // A repeated resource id is ambiguous even when the copies agree (AccessDecision, issue 8).
    assertThat(get(jetty.uri("/v2/items?key=k1&key=k1"), "Authorization", auth).statusCode()).isEqualTo(400);
    HttpResponse<String> other = get(jetty.uri("/v2/items?key=k2"), "Authorization", auth);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().allValues("WWW-Authenticate"))
        .containsExactly("Test realm=\"test\", error=\"insufficient_scope\"");
    assertThat(other.body()).contains("\"error\":\"insufficient_scope\"", "items(r)", "k2");
    assertThat(other.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(get(jetty.uri("/v2/items"), "Authorization", auth).statusCode()).isEqualTo(403);
    assertThat(send("HEAD", jetty.uri("/v2/items?key=k2"), null, "Authorization", auth).statusCode())
        .isEqualTo(403);
    assertThat(send("HEAD", jetty.uri("/v2/items?key=k1"), null, "Authorization", auth).statusCode())
        .isEqualTo(200);
    // read does not imply write
    assertThat(send("POST", jetty.uri("/v2/items?key=k1"), "{}", "Authorization", auth).statusCode())
        .isEqualTo(403);
    assertThat(send("POST", jetty.uri("/v2/items?key=k1"), "{}", "Authorization",
        "Test alice;grant=items:rw:k1").statusCode()).isEqualTo(200);
  }

  @Test
  void encodedAndDotSegmentVariantsMeetTheSameRule() throws Exception {
    String auth = "Test alice;grant=items:r:k1";
    assertThat(get(jetty.uri("/v2/%69tems?key=k2"), "Authorization", auth).statusCode()).isEqualTo(403);
    assertThat(get(jetty.uri("/v2/items?k%65y=k2"), "Authorization", auth).statusCode()).isEqualTo(403);
    assertThat(get(jetty.uri("/health/../v2/items?key=k2"), "Authorization", auth).statusCode())
        .isEqualTo(403);
    assertThat(get(jetty.uri("/v2/items?key=k%31"), "Authorization", auth).statusCode()).isEqualTo(200);
  }

  @Test
  void anAmbiguousResourceIsABadRequest() throws Exception {
    String auth = "Test alice;grant=items:r:k1";
    HttpResponse<String> r = get(jetty.uri("/v2/items?key=k1&key=k2"), "Authorization", auth);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("appears more than once");
    String raw = RawHttp.exchange(jetty.baseUri(),
        "GET /v2/items?key=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + auth
            + "\r\nConnection: close\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 400 ").contains("invalid_request");
  }

  @Test
  void pathVariableRules() throws Exception {
    String auth = "Test alice;grant=contacts:w:alice";
    assertThat(send("PUT", jetty.uri("/ws/customers/alice/contacts"), "{}", "Authorization", auth)
        .statusCode()).isEqualTo(200);
    assertThat(send("PUT", jetty.uri("/ws/customers/al%69ce/contacts"), "{}", "Authorization", auth)
        .statusCode()).isEqualTo(200);
    assertThat(send("PUT", jetty.uri("/ws/customers/bob/contacts"), "{}", "Authorization", auth)
        .statusCode()).isEqualTo(403);
    // GET has no rule: authenticated is enough when denyUnmatched is off
    assertThat(get(jetty.uri("/ws/customers/bob/contacts"), "Authorization", auth).statusCode())
        .isEqualTo(200);
  }

  @Test
  void headerRulesAndRulesWithoutResource() throws Exception {
    String auth = "Test alice;grant=tenant:r:t1";
    assertThat(get(jetty.uri("/tenant/x"), "Authorization", auth, "X-Tenant", "t1").statusCode()).isEqualTo(200);
    assertThat(get(jetty.uri("/tenant/x"), "Authorization", auth, "X-Tenant", "t2").statusCode()).isEqualTo(403);
    assertThat(get(jetty.uri("/tenant/x"), "Authorization", auth).statusCode()).isEqualTo(403);
    assertThat(get(jetty.uri("/tenant/x"), "Authorization", auth, "X-Tenant", "t1", "X-Tenant", "t2")
        .statusCode()).isEqualTo(400);
    // No resource id: only a wildcard grant will do.
    assertThat(get(jetty.uri("/admin"), "Authorization", "Test alice;grant=admin:r:x").statusCode()).isEqualTo(403);
    assertThat(get(jetty.uri("/admin"), "Authorization", "Test alice;grant=admin:r:*").statusCode()).isEqualTo(200);
  }

  @Test
  void denyUnmatchedRefusesProtectedPathsWithoutARule() throws Exception {
    String auth = "Test alice;grant=items:r:k1";
    assertThat(get(strict.uri("/v2/items?key=k1"), "Authorization", auth).statusCode()).isEqualTo(200);
    HttpResponse<String> r = get(strict.uri("/v2/other"), "Authorization", auth);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("\"error\":\"access_denied\"");
    assertThat(get(strict.uri("/v2/other")).statusCode()).isEqualTo(401);
  }

  @Test
  void aFormBodyReadByTheSchemeIsReplayedToTheApplication() throws Exception {
    HttpResponse<String> r = send("POST", jetty.uri("/form?q=1"), "a=1&b=x+y&b=%E2%98%83",
        "Authorization", "Test alice;form", "Content-Type", "application/x-www-form-urlencoded");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Form")).hasValue("a=1;b=x%20y;b=%E2%98%83;");
    assertThat(r.body()).contains("params={a=1, b=x y|\u2603, q=1}\n", "body=a=1&b=x+y&b=%E2%98%83\n");
    HttpResponse<String> stream = send("POST", jetty.uri("/form"), "a=1",
        "Authorization", "Test alice;form", "Content-Type", "application/x-www-form-urlencoded",
        "X-Echo-Read", "stream");
    assertThat(stream.body()).contains("body=a=1\n");
  }

  @Test
  void aBodyTheSchemeIgnoresIsLeftToTheApplication() throws Exception {
    String big = "x".repeat(1000); // beyond the 64-byte cap, which applies only when a scheme asks
    HttpResponse<String> r = send("POST", jetty.uri("/upload"), big, "Authorization", "Test alice",
        "Content-Type", "text/plain", "X-Echo-Read", "reader");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("body=" + big + "\n");
  }

  @Test
  void aBodyReadByTheSchemeIsReplayedAndCapped() throws Exception {
    HttpResponse<String> ok = send("POST", jetty.uri("/upload"), "{\"n\":1}", "Authorization", "Test alice;body",
        "Content-Type", "application/json");
    assertThat(ok.headers().firstValue("X-Body-Length")).hasValue("7");
    assertThat(ok.body()).contains("body={\"n\":1}\n");
    HttpResponse<String> tooBig = send("POST", jetty.uri("/upload"), "x".repeat(65),
        "Authorization", "Test alice;body", "Content-Type", "text/plain");
    assertThat(tooBig.statusCode()).isEqualTo(413);
    assertThat(tooBig.body()).contains("body_too_large");
    HttpResponse<String> exact = send("POST", jetty.uri("/upload"), "x".repeat(64),
        "Authorization", "Test alice;body", "Content-Type", "text/plain");
    assertThat(exact.statusCode()).isEqualTo(200);
  }

  @Test
  void chunkedBodiesAreCappedWhileReading() throws Exception {
    String head = "POST /upload HTTP/1.1\r\nHost: a\r\nAuthorization: Test alice;body\r\n"
        + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
    String small = RawHttp.exchange(jetty.baseUri(), head + "5\r\nhello\r\n3\r\n!!!\r\n0\r\n\r\n");
    assertThat(small).startsWith("HTTP/1.1 200 ").contains("X-Body-Length: 8", "body=hello!!!\n");
    String chunk = "x".repeat(40);
    String big = RawHttp.exchange(jetty.baseUri(), head + "28\r\n" + chunk + "\r\n28\r\n" + chunk + "\r\n0\r\n\r\n");
    assertThat(big).startsWith("HTTP/1.1 413 ").contains("body_too_large");
  }

  @Test
  void aTruncatedBodyIsABadRequest() throws Exception {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", jetty.baseUri().getPort())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: a\r\nAuthorization: Test alice;body\r\n"
          + "Content-Type: text/plain\r\nContent-Length: 50\r\n\r\nonly ten..").getBytes(
              java.nio.charset.StandardCharsets.ISO_8859_1));
      s.shutdownOutput();
      String response = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(response).startsWith("HTTP/1.1 400 ").doesNotContain("\tat ");
    }
  }

  @Test
  void aMalformedFormBodyIsABadRequest() throws Exception {
    HttpResponse<String> r = send("POST", jetty.uri("/form"), "a=%ZZ", "Authorization", "Test alice;form",
        "Content-Type", "application/x-www-form-urlencoded");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("invalid_request");
  }

  @Test
  void storeFailureIs503AndUnexpectedFailureIs500WithoutDetails() throws Exception {
    try (LogCapture logs = LogCapture.start()) {
      HttpResponse<String> down = get(jetty.uri("/x"), "Authorization", "Test alice;down");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("temporarily_unavailable");
      assertThat(down.headers().firstValue("Cache-Control")).hasValue("no-store");
      HttpResponse<String> boom = get(jetty.uri("/x"), "Authorization", "Test alice;boom");
      assertThat(boom.statusCode()).isEqualTo(500);
      assertThat(boom.body()).isEqualTo(
          "{\"status\":500,\"error\":\"server_error\",\"message\":\"Authentication failed because of a server error.\"}");
      // The stack trace is logged server-side (frames of the throwing scheme), its message is not.
      assertThat(logs.text()).contains("java.lang.IllegalStateException", "\tat ", "RedactedFailure")
          .doesNotContain("secret-in-message-must-not-be-logged", "Test alice");
    }
  }

  @Test
  void refusalsAreLoggedWithReasonSchemeAndPathOnly() throws Exception {
    try (LogCapture logs = LogCapture.start()) {
      get(jetty.uri("/logged?key=abc"), "Authorization", "Test s3cr3t-value;wrong");
      assertThat(logs.text()).contains("reason=CREDENTIALS_INVALID scheme=Test", "/logged")
          .doesNotContain("s3cr3t-value", "key=abc");
    }
  }
}
