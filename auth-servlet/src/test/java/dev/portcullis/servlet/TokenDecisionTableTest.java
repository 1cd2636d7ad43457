package dev.portcullis.servlet;

import dev.portcullis.core.http.AdapterOptions;
import static dev.portcullis.servlet.Http.basic;
import static dev.portcullis.servlet.Http.get;
import static dev.portcullis.servlet.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.testing.JettyHarness;
import dev.portcullis.testing.LogCapture;
import dev.portcullis.testing.MutableClock;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.BearerToken;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole token decision table of the catalog API (shared/spec/demo-api.md, API 3) through the
 * filter, over real sockets, with the JDK HttpClient and Apache HttpClient 5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenDecisionTableTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private TokenService tokens;
  private JettyHarness direct;
  private JettyHarness proxied;
  private String reader;
  private String writer;
  private String expired;
  private String revoked;

  @BeforeAll
  void start() throws Exception {
    tokens = Catalog.tokens(clock);
    reader = tokens.admin().create("demo", "reader",
        List.of(new Permission("items", Operation.READ, Set.of("key_demo_index"))), null).orElseThrow().secret();
    writer = tokens.admin().create("demo", "writer",
        List.of(new Permission("items", Operation.READ_WRITE, Set.of("key_demo_index"))), null).orElseThrow().secret();
    expired = tokens.admin().create("demo", "short",
        List.of(new Permission("items", Operation.READ, Set.of("key_demo_index"))), Duration.ofHours(1)).orElseThrow().secret();
    IssuedToken gone = tokens.admin().create("demo", "gone",
        List.of(new Permission("items", Operation.READ, Set.of("key_demo_index"))), null).orElseThrow();
    tokens.admin().revoke("demo", gone.info().id());
    revoked = gone.secret();
    clock.advance(Duration.ofHours(2));

    AuthFilter filter = Catalog.filter(Catalog.gate(tokens, "catalog")).build();
    direct = JettyHarness.builder().https().context(ctx -> {
      ctx.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    }).start();
    AuthFilter behindProxy = Catalog.filter(Catalog.gate(tokens, "catalog"))
        .options(AdapterOptions.builder().trustedProxies(TrustedProxies.of(List.of("127.0.0.0/8"))).build())
        .build();
    proxied = JettyHarness.start(ctx -> {
      ctx.addFilter(new FilterHolder(behindProxy), "/*", EnumSet.of(DispatcherType.REQUEST));
      ctx.addServlet(new ServletHolder(new EchoServlet()), "/*");
    });
  }

  @AfterAll
  void stop() throws Exception {
    direct.close();
    proxied.close();
  }

  private URI https(String pathAndQuery) {
    return direct.httpsUri(pathAndQuery);
  }

  @Test
  void publicPathsNeedNoCredentialsEvenOverHttp() throws Exception {
    for (String p : new String[] {"/search/shoes?key=key_demo_index", "/autocomplete/sh?key=key_demo_index",
        "/browse/color/red?key=key_demo_index", "/recommendations/v1/pods/pod1?key=key_demo_index"}) {
      assertThat(get(https(p)).statusCode()).as(p).isEqualTo(200);
      HttpResponse<String> plain = get(direct.uri(p));
      assertThat(plain.statusCode()).as(p).isEqualTo(200);
      assertThat(plain.headers().allValues("WWW-Authenticate")).isEmpty();
    }
  }

  @Test
  void basicWithTheAccountTokenMayDoAnythingOnItsOwnKeys() throws Exception {
    String auth = basic("demo_api_token", "");
    HttpResponse<String> r = get(https("/v2/items?key=key_demo_index"), "Authorization", auth);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("principal=demo\n", "authType=BASIC\n");
    assertThat(send("POST", https("/v1/redirect_rules?key=key_demo_staging"), "{}", "Authorization", auth)
        .statusCode()).isEqualTo(200);
    assertThat(send("DELETE", https("/v2/items/42?key=key_demo_staging"), null, "Authorization", auth)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void basicWithAScopedTokenDoesWhatItsPermissionsSay() throws Exception {
    String auth = basic(reader, "");
    assertThat(get(https("/v2/items?key=key_demo_index"), "Authorization", auth).statusCode()).isEqualTo(200);
    HttpResponse<String> write = send("POST", https("/v2/items?key=key_demo_index"), "{}", "Authorization", auth);
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.body()).contains("insufficient_scope", "items(w)");
  }

  @Test
  void bearerScopedTokens() throws Exception {
    HttpResponse<String> r = get(https("/v2/items?key=key_demo_index"), "Authorization", "Bearer " + reader);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("principal=demo\n", "authType=Bearer\n");
    assertThat(send("PUT", https("/v2/items/7?key=key_demo_index"), "{}", "Authorization", "Bearer " + writer)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void insufficientScopeIs403WithTheBearerError() throws Exception {
    for (HttpResponse<String> r : List.of(
        send("POST", https("/v2/items?key=key_demo_index"), "{}", "Authorization", "Bearer " + reader),
        get(https("/v1/facets?key=key_demo_index"), "Authorization", "Bearer " + writer),
        get(https("/v2/items?key=key_demo_staging"), "Authorization", "Bearer " + writer))) {
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.headers().allValues("WWW-Authenticate")).singleElement().asString()
          .startsWith("Bearer ").contains("error=\"insufficient_scope\"");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
  }

  @Test
  void anotherAccountsApiKeyIs403() throws Exception {
    assertThat(get(https("/v2/items?key=key_other_index"), "Authorization", basic("demo_api_token", ""))
        .statusCode()).isEqualTo(403);
    assertThat(get(https("/v2/items?key=key_other_index"), "Authorization", "Bearer " + writer)
        .statusCode()).isEqualTo(403);
    assertThat(get(https("/v2/items?key=key_demo_index"), "Authorization", basic("other_api_token", ""))
        .statusCode()).isEqualTo(403);
  }

  @Test
  void unknownExpiredAndRevokedCredentialsAre401WithBothChallenges() throws Exception {
    List<String> auths = List.of(
        "Bearer " + expired, "Bearer " + revoked, "Bearer pct_nosuchtoken_abc", "Bearer not-a-token",
        basic(expired, ""), basic(revoked, ""), basic("wrong_api_token", ""));
    for (String auth : auths) {
      HttpResponse<String> r = get(https("/v2/items?key=key_demo_index"), "Authorization", auth);
      assertThat(r.statusCode()).as(auth).isEqualTo(401);
      List<String> challenges = r.headers().allValues("WWW-Authenticate");
      assertThat(challenges).as(auth).hasSize(2);
      assertThat(challenges.get(0)).startsWith("Basic realm=\"catalog\"");
      assertThat(challenges.get(1)).startsWith("Bearer realm=\"catalog\"");
      if (auth.startsWith("Bearer")) {
        assertThat(challenges.get(1)).contains("error=\"invalid_token\"");
      }
      assertThat(r.body()).doesNotContain(auth.substring(auth.indexOf(' ') + 1));
    }
    HttpResponse<String> none = get(https("/v2/items?key=key_demo_index"));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().allValues("WWW-Authenticate")).hasSize(2);
  }

  @Test
  void aNonEmptyPasswordIs401() throws Exception {
    HttpResponse<String> r = get(https("/v2/items?key=key_demo_index"), "Authorization",
        basic("demo_api_token", "x"));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("empty password");
  }

  @Test
  void twoAuthorizationHeadersAre400() throws Exception {
    HttpResponse<String> r = get(https("/v2/items?key=key_demo_index"),
        "Authorization", basic("demo_api_token", ""), "Authorization", "Bearer " + reader);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("exactly one Authorization header");
  }

  @Test
  void brokenHeadersAre400() throws Exception {
    String nonUtf8 = "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xFF, (byte) 0xFE, ':'});
    for (String auth : List.of("Basic !!!", "Basic", "Basic " + Base64.getEncoder()
        .encodeToString("nocolon".getBytes(StandardCharsets.UTF_8)), "Bearer a b", "Bearer", nonUtf8,
        ",Basic x", "Basic x\tBasic y")) {
      HttpResponse<String> r = get(https("/v2/items?key=key_demo_index"), "Authorization", auth);
      assertThat(r.statusCode()).as(auth).isEqualTo(400);
      assertThat(r.body()).as(auth).contains("\"error\":\"invalid_request\"");
    }
  }

  @Test
  void aHugeAuthorizationHeaderIsA4xxNeverA500() throws Exception {
    String huge = "Bearer " + "a".repeat(20 * 1024);
    HttpResponse<String> r = get(https("/v2/items?key=key_demo_index"), "Authorization", huge);
    assertThat(r.statusCode()).isBetween(400, 499);
    assertThat(r.body()).doesNotContain("Exception", "\tat ");
    // Just under Jetty's header limit, the scheme's own length check answers.
    HttpResponse<String> big = get(https("/v2/items?key=key_demo_index"), "Authorization", "Bearer " + "a".repeat(6000));
    assertThat(big.statusCode()).isBetween(400, 401);
  }

  @Test
  void oddHeadersNeverReachTheServerErrorPath() throws Exception {
    List<String> odd = new ArrayList<>(List.of("", " ", "Basic =", "Basic ====", "Basic Og==", "Bearer =",
        "Bearer \u00e9", "Digest username=\"x\"", "basic " + Base64.getEncoder().encodeToString(":".getBytes(StandardCharsets.UTF_8)),
        "BEARER " + reader, "Bearer " + reader + "=", "Basic " + "A".repeat(5000), "Bearer pct_", "Bearer pct_x_y"));
    for (String auth : odd) {
      HttpResponse<String> r = get(https("/v2/items?key=key_demo_index"), "Authorization", auth);
      assertThat(r.statusCode()).as("'" + auth + "'").isIn(200, 400, 401);
    }
  }

  @Test
  void rawBytesAndBrokenEncodingsAre4xx() throws Exception {
    String[] requests = {
        "GET /v2/items?key=key_demo_index HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer \u00ff\u00fe\u0080\r\n",
        "GET /v2/items?key=key_demo_index HTTP/1.1\r\nHost: a\r\nAuthorization: Basic \u00c3\u0028\r\n",
        "GET /v2/items?key=%C3%28 HTTP/1.1\r\nHost: a\r\nAuthorization: " + basic("demo_api_token", "") + "\r\n",
        "GET /v2/items?key=%G1 HTTP/1.1\r\nHost: a\r\nAuthorization: " + basic("demo_api_token", "") + "\r\n",
        "GET /v2/%zzitems?key=key_demo_index HTTP/1.1\r\nHost: a\r\n",
        "GET /v2/items%2F..%2Fx?key=key_demo_index HTTP/1.1\r\nHost: a\r\n",
        "GET /v2/items?key=key_demo_index HTTP/1.1\r\nHost: a\r\nAuthorization:\r\n",
    };
    for (String req : requests) {
      String response = RawHttp.exchange(proxied.baseUri(), req + "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n");
      assertThat(response).as(req).matches("(?s)HTTP/1\\.1 4\\d\\d .*").doesNotContain("\tat ", "Exception");
    }
  }

  @Test
  void plainHttpIsRefusedUnlessATrustedProxySaysHttps() throws Exception {
    String auth = basic("demo_api_token", "");
    HttpResponse<String> plain = get(direct.uri("/v2/items?key=key_demo_index"), "Authorization", auth);
    assertThat(plain.statusCode()).isEqualTo(403);
    assertThat(plain.body()).contains("https_required", "HTTPS is required");
    // An untrusted peer cannot claim HTTPS.
    assertThat(get(direct.uri("/v2/items?key=key_demo_index"), "Authorization", auth,
        "X-Forwarded-Proto", "https").statusCode()).isEqualTo(403);
    assertThat(get(direct.uri("/v2/items?key=key_demo_index"), "Authorization", auth,
        "Forwarded", "proto=https").statusCode()).isEqualTo(403);
    // A trusted one can, in either header form, and saying http keeps it refused.
    assertThat(get(proxied.uri("/v2/items?key=key_demo_index"), "Authorization", auth,
        "X-Forwarded-Proto", "https").statusCode()).isEqualTo(200);
    assertThat(get(proxied.uri("/v2/items?key=key_demo_index"), "Authorization", auth,
        "Forwarded", "for=192.0.2.1;proto=https").statusCode()).isEqualTo(200);
    assertThat(get(proxied.uri("/v2/items?key=key_demo_index"), "Authorization", auth,
        "X-Forwarded-Proto", "http").statusCode()).isEqualTo(403);
    assertThat(get(proxied.uri("/v2/items?key=key_demo_index"), "Authorization", auth).statusCode())
        .isEqualTo(403);
  }

  @Test
  void aFormPostReachesTheApplicationIntact() throws Exception {
    HttpResponse<String> r = send("POST", https("/v2/items?key=key_demo_index"), "name=Red+shoe&sku=%E2%98%83",
        "Authorization", "Bearer " + writer, "Content-Type", "application/x-www-form-urlencoded");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("params={key=key_demo_index, name=Red shoe, sku=\u2603}");
  }

  @Test
  void noSecretReachesTheLogs() throws Exception {
    String pw = "p4ssw0rd-secret";
    try (LogCapture logs = LogCapture.start()) {
      get(https("/v2/items?key=key_demo_index"), "Authorization", basic("demo_api_token", ""));
      get(https("/v2/items?key=key_demo_index"), "Authorization", basic("demo_api_token", pw));
      get(https("/v2/items?key=key_other_index"), "Authorization", "Bearer " + reader);
      get(https("/v2/items?key=key_demo_index"), "Authorization", "Bearer " + revoked);
      get(https("/v2/items?key=key_demo_index"), "Authorization", "Bearer " + expired);
      get(https("/v2/items?key=key_demo_index"), "Authorization", "Bearer " + writer + "x");
      get(https("/v2/items?key=key_demo_index"), "Authorization", basic("wrong_api_token", ""));
      get(direct.uri("/v2/items?key=key_demo_index"), "Authorization", "Bearer " + writer);
      String text = logs.text();
      assertThat(text).contains("reason=TOKEN_REVOKED scheme=Bearer", "reason=PASSWORD_NOT_EMPTY scheme=Basic");
      for (String secret : List.of("demo_api_token", pw, reader, writer, revoked, expired, "wrong_api_token",
          Base64.getEncoder().encodeToString("demo_api_token:".getBytes(StandardCharsets.UTF_8)))) {
        assertThat(text).doesNotContain(secret);
      }
    }
  }

  @Test
  void apacheHttpClientAnswersTheChallengesWithBasicAndBearer() throws Exception {
    HttpHost host = new HttpHost("https", "127.0.0.1", direct.httpsUri().getPort());
    BasicCredentialsProvider basicCreds = new BasicCredentialsProvider();
    basicCreds.setCredentials(new AuthScope(host), new UsernamePasswordCredentials("demo_api_token", new char[0]));
    try (CloseableHttpClient client = apache(basicCreds)) {
      String body = client.execute(new HttpGet(https("/v2/items?key=key_demo_index")), res -> {
        assertThat(res.getCode()).isEqualTo(200);
        return EntityUtils.toString(res.getEntity());
      });
      assertThat(body).contains("principal=demo\n", "authType=BASIC\n");
      int other = client.execute(new HttpGet(https("/v2/items?key=key_other_index")), res -> res.getCode());
      assertThat(other).isEqualTo(403);
    }
    BasicCredentialsProvider bearerCreds = new BasicCredentialsProvider();
    bearerCreds.setCredentials(new AuthScope(host), new BearerToken(writer));
    try (CloseableHttpClient client = apache(bearerCreds)) {
      HttpPost post = new HttpPost(https("/v2/items?key=key_demo_index"));
      post.setEntity(new StringEntity("name=x&n=1", ContentType.APPLICATION_FORM_URLENCODED));
      String body = client.execute(post, res -> {
        assertThat(res.getCode()).isEqualTo(200);
        return EntityUtils.toString(res.getEntity());
      });
      assertThat(body).contains("authType=Bearer\n", "params={key=key_demo_index, n=1, name=x}");
      HttpPost facets = new HttpPost(https("/v1/redirect_rules?key=key_demo_index"));
      client.execute(facets, res -> {
        assertThat(res.getCode()).isEqualTo(403);
        Header h = res.getFirstHeader("WWW-Authenticate");
        assertThat(h.getValue()).contains("error=\"insufficient_scope\"");
        return null;
      });
    }
  }

  private static CloseableHttpClient apache(BasicCredentialsProvider creds) {
    return HttpClients.custom()
        .setDefaultCredentialsProvider(creds)
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                .setSslContext(JettyHarness.trustAllSslContext())
                .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                .buildClassic())
            .build())
        .build();
  }
}
