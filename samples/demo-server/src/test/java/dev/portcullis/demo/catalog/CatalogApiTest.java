package dev.portcullis.demo.catalog;

import static dev.portcullis.demo.DemoClient.basic;
import static dev.portcullis.demo.DemoClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.demo.DemoClient;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import dev.portcullis.demo.MutableClock;
import dev.portcullis.testing.TrustAllTls;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Walks API 3 of shared/spec/demo-api.md over real sockets: the public endpoints, every row of the
 * private table with the account's API token and with scoped tokens, token management, and the
 * refusals (401 with both challenges, 403 with insufficient_scope, HTTPS required).
 */
class CatalogApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String DEMO = "demo_api_token";
  static final String OTHER = "other_api_token";
  static final AtomicInteger SEQ = new AtomicInteger();

  static MutableClock clock;
  static DemoServer server;
  static DemoClient client;

  @BeforeAll
  static void start() throws Exception {
    clock = new MutableClock(Instant.parse("2026-01-15T10:00:00Z"));
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).clock(clock).build());
    client = new DemoClient(server);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  /** One row of the spec's table, with a request that should succeed when allowed. */
  record Row(String scope, String op, String method, String path, String body) {
    HttpResponse<String> send(String key, String authorization) throws Exception {
      String id = "t" + SEQ.incrementAndGet();
      String url = client.https(path.replace("{id}", id).replace("{name}", "f" + id) + "?key=" + key);
      if (method.equals("DELETE")) {
        // something to delete, made with whichever account owns the key
        for (String owner : List.of(DEMO, OTHER)) {
          client.send("PUT", url, basic(owner), ITEM);
        }
      }
      return client.send(method, url, authorization, body);
    }

    @Override
    public String toString() {
      return method + " " + path + " " + scope + "(" + op + ")";
    }
  }

  static final String ITEM = "{\"name\": \"Test item\", \"price\": 10.5, \"facets\": {\"color\": [\"red\"]}}";
  static final String FACET = "{\"display_name\": \"Size\", \"type\": \"single\"}";
  static final String RULE = "{\"url\": \"/shoes\", \"matches\": [{\"pattern\": \"sneakers\", \"match_type\": \"EXACT\"}]}";

  static Stream<Row> rows() {
    return Stream.of(
        new Row("items", "r", "GET", "/v2/items", null),
        new Row("items", "w", "POST", "/v2/items", ITEM),
        new Row("items", "w", "PUT", "/v2/items/{id}", ITEM),
        new Row("items", "w", "DELETE", "/v2/items/{id}", null),
        new Row("facets", "r", "GET", "/v1/facets", null),
        new Row("facets", "w", "PUT", "/v1/facets/{name}", FACET),
        new Row("redirects", "r", "GET", "/v1/redirect_rules", null),
        new Row("redirects", "w", "POST", "/v1/redirect_rules", RULE));
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  static String createToken(String scope, String op, String... keys) throws Exception {
    return createToken(permission(scope, op, keys), null).path("token").asText();
  }

  static String permission(String scope, String op, String... keys) {
    StringBuilder sb = new StringBuilder("{\"scope\": \"" + scope + "\", \"operation\": \"" + op + "\", \"resources\": [");
    for (int i = 0; i < keys.length; i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(keys[i]).append('"');
    }
    return sb.append("]}").toString();
  }

  static JsonNode createToken(String permissionsJson, Long expiresIn) throws Exception {
    String body = "{\"name\": \"test " + SEQ.incrementAndGet() + "\", \"permissions\": [" + permissionsJson + "]"
        + (expiresIn == null ? "" : ", \"expires_in\": " + expiresIn) + "}";
    HttpResponse<String> r = client.send("POST", client.https("/v1/tokens"), basic(DEMO), body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r);
  }

  // ---- public endpoints ----

  @ParameterizedTest
  @ValueSource(strings = {"http", "https"})
  void publicEndpointsNeedNoCredentialsOnEitherConnector(String scheme) throws Exception {
    String base = scheme.equals("http") ? client.http("") : client.https("");
    JsonNode search = json(client.get(base + "/search/running?key=key_demo_index", null));
    assertThat(search.at("/response/total_num_results").asInt()).isEqualTo(4);
    assertThat(search.at("/response/results/0/data/id").asText()).isEqualTo("shoe-1");

    JsonNode auto = json(client.get(base + "/autocomplete/ru?key=key_demo_index", null));
    assertThat(auto.at("/sections/Search Suggestions/0/value").asText()).isEqualTo("running");

    JsonNode browse = json(client.get(base + "/browse/color/red?key=key_demo_index", null));
    assertThat(browse.at("/response/total_num_results").asInt()).isGreaterThanOrEqualTo(3);

    HttpResponse<String> pod = client.get(base + "/recommendations/v1/pods/home_page_1?key=key_demo_index", null);
    assertThat(pod.statusCode()).isEqualTo(200);
    assertThat(json(pod).at("/response/results").size()).isEqualTo(3);

    assertThat(json(client.get(base + "/search/desk?key=key_other_index", null))
        .at("/response/total_num_results").asInt()).isEqualTo(1);
  }

  @Test
  void publicEndpointsRefuseUnknownAndMissingKeys() throws Exception {
    HttpResponse<String> unknown = client.get(client.http("/search/shoe?key=nope"), null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).path("error").asText()).isEqualTo("unknown_key");
    HttpResponse<String> missing = client.get(client.http("/autocomplete/sh"), null);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).path("message").asText()).contains("key");
    HttpResponse<String> pod = client.get(client.http("/recommendations/v1/pods/nope?key=key_demo_index"), null);
    assertThat(pod.statusCode()).isEqualTo(404);
  }

  @Test
  void searchFollowsRedirectRulesAndWrites() throws Exception {
    JsonNode sale = json(client.get(client.http("/search/sale?key=key_demo_index"), null));
    assertThat(sale.at("/response/redirect/url").asText()).isEqualTo("/sale");

    HttpResponse<String> created = client.send("POST", client.https("/v2/items?key=key_demo_staging"),
        basic(DEMO), "{\"id\": \"kite-1\", \"name\": \"Stunt kite\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/v2/items/kite-1"));
    assertThat(json(client.get(client.http("/search/kite?key=key_demo_staging"), null))
        .at("/response/results/0/data/id").asText()).isEqualTo("kite-1");
    // the other index did not change
    assertThat(json(client.get(client.http("/search/kite?key=key_demo_index"), null))
        .at("/response/total_num_results").asInt()).isZero();
  }

  // ---- the account's API token (Basic) ----

  @ParameterizedTest
  @MethodSource("rows")
  void accountTokenMayDoEveryRowOnBothOfItsKeys(Row row) throws Exception {
    for (String key : List.of("key_demo_index", "key_demo_staging")) {
      HttpResponse<String> r = row.send(key, basic(DEMO));
      assertThat(r.statusCode()).as(row + " on " + key + ": " + r.body()).isBetween(200, 204);
    }
  }

  @ParameterizedTest
  @MethodSource("rows")
  void anotherAccountsKeyIs403(Row row) throws Exception {
    HttpResponse<String> r = row.send("key_other_index", basic(DEMO));
    assertThat(r.statusCode()).as(row.toString()).isEqualTo(403);
    assertThat(json(r).path("error").asText()).isEqualTo("insufficient_scope");
    assertThat(row.send("key_demo_index", basic(OTHER)).statusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void noCredentialsIs401WithBothChallenges(Row row) throws Exception {
    HttpResponse<String> r = row.send("key_demo_index", null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .anySatisfy(c -> assertThat(c).startsWith("Basic realm=\"catalog\""))
        .anySatisfy(c -> assertThat(c).startsWith("Bearer realm=\"catalog\""));
  }

  @Test
  void headIsGuardedLikeGet() throws Exception {
    String url = client.https("/v2/items?key=key_demo_index");
    assertThat(client.send("HEAD", url, null, null).statusCode()).isEqualTo(401);
    assertThat(client.send("HEAD", url, basic(OTHER), null).statusCode()).isEqualTo(403);
    assertThat(client.send("HEAD", url, basic(DEMO), null).statusCode()).isEqualTo(200);
  }

  @Test
  void missingKeyOnPrivateEndpointIs403() throws Exception {
    HttpResponse<String> r = client.get(client.https("/v2/items"), basic(DEMO));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).path("message").asText()).contains("items(r)");
  }

  @Test
  void badCredentialsAre401() throws Exception {
    String url = client.https("/v2/items?key=key_demo_index");
    HttpResponse<String> password = client.get(url, basic(DEMO, "secret"));
    assertThat(password.statusCode()).isEqualTo(401);
    assertThat(password.body()).doesNotContain("secret");
    HttpResponse<String> unknown = client.get(url, basic("no_such_token"));
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.body()).doesNotContain("no_such_token");
    HttpResponse<String> bearer = client.get(url, bearer("pct_doesnotexist_abcdefghijklmnopqrstuvwxyz"));
    assertThat(bearer.statusCode()).isEqualTo(401);
    assertThat(bearer.headers().allValues("WWW-Authenticate"))
        .anySatisfy(c -> assertThat(c).startsWith("Bearer").contains("error=\"invalid_token\""))
        .anySatisfy(c -> assertThat(c).startsWith("Basic"));
    HttpResponse<String> broken = client.get(url, "Basic %%%not-base64");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(json(broken).path("error").asText()).isEqualTo("invalid_request");
  }

  @Test
  void plainHttpToPrivateEndpointSaysHttpsIsRequired() throws Exception {
    HttpResponse<String> r = client.get(client.http("/v2/items?key=key_demo_index"), basic(DEMO));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(json(r).path("message").asText()).contains("HTTPS is required");
    assertThat(client.get(client.http("/v1/tokens"), basic(DEMO)).statusCode()).isEqualTo(403);
  }

  // ---- scoped tokens ----

  @Test
  void readOnlyItemsTokenDoesExactlyWhatItSays() throws Exception {
    String token = createToken("items", "r", "key_demo_index");
    String items = client.https("/v2/items?key=key_demo_index");
    assertThat(client.get(items, bearer(token)).statusCode()).isEqualTo(200);
    assertThat(client.get(items, basic(token)).statusCode()).isEqualTo(200);

    HttpResponse<String> write = client.send("POST", items, bearer(token), ITEM);
    assertThat(write.statusCode()).isEqualTo(403);
    assertThat(write.headers().allValues("WWW-Authenticate"))
        .anySatisfy(c -> assertThat(c).startsWith("Bearer").contains("error=\"insufficient_scope\""));
    assertThat(json(write).path("error").asText()).isEqualTo("insufficient_scope");
    assertThat(client.send("POST", items, basic(token), ITEM).statusCode()).isEqualTo(403);

    assertThat(client.get(client.https("/v2/items?key=key_demo_staging"), bearer(token)).statusCode()).isEqualTo(403);
    assertThat(client.get(client.https("/v2/items?key=key_other_index"), bearer(token)).statusCode()).isEqualTo(403);
    assertThat(client.get(client.https("/v1/facets?key=key_demo_index"), bearer(token)).statusCode()).isEqualTo(403);
  }

  @ParameterizedTest
  @MethodSource("rows")
  void scopedTokenWithExactlyTheRowsPermissionIsAllowedAndTheOppositeOperationIsNot(Row row) throws Exception {
    String exact = createToken(row.scope(), row.op(), "key_demo_index");
    String both = createToken(row.scope(), "rw", "key_demo_index");
    String opposite = createToken(row.scope(), row.op().equals("r") ? "w" : "r", "key_demo_index");
    String otherScope = createToken(row.scope().equals("items") ? "facets" : "items", "rw", "key_demo_index");
    assertThat(row.send("key_demo_index", bearer(exact)).statusCode()).as(row.toString()).isBetween(200, 204);
    assertThat(row.send("key_demo_index", bearer(both)).statusCode()).as(row.toString()).isBetween(200, 204);
    assertThat(row.send("key_demo_index", bearer(opposite)).statusCode()).as(row.toString()).isEqualTo(403);
    assertThat(row.send("key_demo_index", bearer(otherScope)).statusCode()).as(row.toString()).isEqualTo(403);
    assertThat(row.send("key_demo_staging", bearer(both)).statusCode()).as(row.toString()).isEqualTo(403);
  }

  @Test
  void scopedTokensCannotManageTokens() throws Exception {
    String token = createToken("items", "rw", "key_demo_index", "key_demo_staging");
    for (String auth : List.of(bearer(token), basic(token))) {
      assertThat(client.get(client.https("/v1/tokens"), auth).statusCode()).isEqualTo(403);
      assertThat(client.send("POST", client.https("/v1/tokens"), auth,
          "{\"name\": \"x\", \"permissions\": [" + permission("items", "r", "key_demo_index") + "]}").statusCode())
          .isEqualTo(403);
    }
  }

  // ---- token management ----

  @Test
  void accountTokenAsBearerMayNotManageTokens() throws Exception {
    HttpResponse<String> r = client.get(client.https("/v1/tokens"), bearer(DEMO));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .anySatisfy(c -> assertThat(c).startsWith("Bearer").contains("error=\"insufficient_scope\""));
    assertThat(json(r).path("message").asText()).contains("Basic");
    assertThat(client.send("DELETE", client.https("/v1/tokens/x"), bearer(DEMO), null).statusCode()).isEqualTo(403);
    // it still works on the catalog itself: Bearer carries any valid token
    assertThat(client.get(client.https("/v2/items?key=key_demo_index"), bearer(DEMO)).statusCode()).isEqualTo(200);
  }

  @Test
  void createdTokenIsShownOnceAndListedWithoutItsSecret() throws Exception {
    JsonNode created = createToken(permission("items", "r", "key_demo_index"), 3600L);
    String id = created.path("id").asText();
    String secret = created.path("token").asText();
    assertThat(secret).isNotBlank().contains(id);
    assertThat(created.at("/permissions/0/scope").asText()).isEqualTo("items");
    assertThat(created.at("/permissions/0/operation").asText()).isEqualTo("r");
    assertThat(created.at("/permissions/0/resources/0").asText()).isEqualTo("key_demo_index");
    assertThat(created.path("expires_at").asText()).isEqualTo(clock.instant().plusSeconds(3600).toString());

    HttpResponse<String> list = client.get(client.https("/v1/tokens"), basic(DEMO));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(id).doesNotContain(secret).doesNotContain("\"token\"");
    assertThat(client.get(client.https("/v1/tokens"), basic(OTHER)).body()).doesNotContain(id);
    HttpResponse<String> foreign = client.send("DELETE", client.https("/v1/tokens/" + id), basic(OTHER), null);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(client.get(client.https("/v2/items?key=key_demo_index"), bearer(secret)).statusCode()).isEqualTo(200);
  }

  @Test
  void revokedTokenIsRefusedWithInvalidToken() throws Exception {
    JsonNode created = createToken(permission("facets", "r", "key_demo_index"), null);
    String secret = created.path("token").asText();
    String url = client.https("/v1/facets?key=key_demo_index");
    assertThat(client.get(url, bearer(secret)).statusCode()).isEqualTo(200);

    HttpResponse<String> del = client.send("DELETE", client.https("/v1/tokens/" + created.path("id").asText()), basic(DEMO), null);
    assertThat(del.statusCode()).isEqualTo(204);
    HttpResponse<String> after = client.get(url, bearer(secret));
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.headers().allValues("WWW-Authenticate"))
        .anySatisfy(c -> assertThat(c).startsWith("Bearer").contains("error=\"invalid_token\""));
    assertThat(client.get(url, basic(secret)).statusCode()).isEqualTo(401);
    assertThat(client.send("DELETE", client.https("/v1/tokens/nosuchid"), basic(DEMO), null).statusCode()).isEqualTo(404);
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    JsonNode created = createToken(permission("redirects", "r", "key_demo_index"), 60L);
    String secret = created.path("token").asText();
    String url = client.https("/v1/redirect_rules?key=key_demo_index");
    assertThat(client.get(url, bearer(secret)).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(61));
    HttpResponse<String> r = client.get(url, bearer(secret));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("WWW-Authenticate"))
        .anySatisfy(c -> assertThat(c).startsWith("Bearer").contains("error=\"invalid_token\""));
    JsonNode listed = json(client.get(client.https("/v1/tokens"), basic(DEMO)));
    boolean expiredShown = false;
    for (JsonNode t : listed.path("tokens")) {
      if (t.path("id").asText().equals(created.path("id").asText())) {
        expiredShown = t.path("expired").asBoolean();
      }
    }
    assertThat(expiredShown).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"name\": \"x\",",
      "not json",
      "{\"name\": \"x\", \"permissions\": [], \"surprise\": 1}",
      "{\"name\": \"x\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\", \"resources\": [\"key_demo_index\"], \"extra\": true}]}",
      "{\"name\": \"x\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"x\", \"resources\": [\"key_demo_index\"]}]}",
      "{\"name\": \"x\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\", \"resources\": [\"key_other_index\"]}]}",
      "{\"name\": \"x\", \"permissions\": [{\"scope\": \"tokens\", \"operation\": \"r\", \"resources\": [\"key_demo_index\"]}]}",
      "{\"name\": \"x\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\", \"resources\": [\"*\"]}]}",
      "{\"name\": \"x\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\", \"resources\": []}]}",
      "{\"name\": \"x\", \"permissions\": []}",
      "{\"name\": \"x\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\", \"resources\": [\"key_demo_index\"]}], \"expires_in\": \"60\"}",
      "{\"name\": \"x\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\", \"resources\": [\"key_demo_index\"]}], \"expires_in\": -5}",
      "{\"name\": 5, \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\", \"resources\": [\"key_demo_index\"]}]}",
      "{\"permissions\": [{\"scope\": \"items\", \"operation\": \"r\", \"resources\": [\"key_demo_index\"]}]}",
      "[1, 2]",
      "{\"name\": \"x\", \"name\": \"y\", \"permissions\": []}",
      ""
  })
  void badTokenRequestsAre400WithAJsonMessage(String body) throws Exception {
    int before = json(client.get(client.https("/v1/tokens"), basic(DEMO))).path("total_count").asInt();
    HttpResponse<String> r = client.send("POST", client.https("/v1/tokens"), basic(DEMO), body);
    assertThat(r.statusCode()).as(body + " -> " + r.body()).isEqualTo(400);
    JsonNode error = json(r);
    assertThat(error.path("error").asText()).isEqualTo("invalid_request");
    assertThat(error.path("message").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("[Source");
    int after = json(client.get(client.https("/v1/tokens"), basic(DEMO))).path("total_count").asInt();
    assertThat(after).isEqualTo(before);
  }

  @Test
  void badItemWritesAre4xxAndChangeNothing() throws Exception {
    String url = client.https("/v2/items?key=key_demo_staging");
    int before = json(client.get(url, basic(DEMO))).path("total_count").asInt();
    assertThat(client.send("POST", url, basic(DEMO), "{\"name\": \"\"}").statusCode()).isEqualTo(400);
    assertThat(client.send("POST", url, basic(DEMO), "{\"name\": \"x\", \"price\": -1}").statusCode()).isEqualTo(400);
    assertThat(client.send("POST", url, basic(DEMO), "{\"name\": \"x\", \"price\": \"cheap\"}").statusCode()).isEqualTo(400);
    assertThat(client.send("POST", url, basic(DEMO), "{\"id\": \"a b\", \"name\": \"x\"}").statusCode()).isEqualTo(400);
    assertThat(client.send("PUT", client.https("/v2/items/x1?key=key_demo_staging"), basic(DEMO),
        "{\"id\": \"x2\", \"name\": \"x\"}").statusCode()).isEqualTo(400);
    String big = overCapHeadersOnly(url);
    assertThat(big).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue")
        .containsIgnoringCase("\r\nConnection: close\r\n").contains("body_too_large");
    HttpResponse<String> text = client.send("POST", url, basic(DEMO), null, "Content-Type", "text/plain");
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(json(text).path("status").asInt()).isEqualTo(415);
    assertThat(json(client.get(url, basic(DEMO))).path("total_count").asInt()).isEqualTo(before);
    assertThat(client.send("DELETE", client.https("/v2/items/nope?key=key_demo_staging"), basic(DEMO), null)
        .statusCode()).isEqualTo(404);
  }

  /**
   * The headers of a POST whose declared body is over the cap, with {@code Expect: 100-continue},
   * over TLS, and whatever the server answers before closing. The body is never sent: the 413 must
   * come first, which keeps this deterministic (a client already sending the whole body may see the
   * connection reset instead, since the cap exists so that the server does not read it). Raw bytes,
   * because JDK 17's HttpClient waits forever for a 100 Continue when a final status comes instead.
   */
  private static String overCapHeadersOnly(String url) throws Exception {
    URI u = URI.create(url);
    try (SSLSocket s = (SSLSocket) TrustAllTls.context().getSocketFactory().createSocket(u.getHost(), u.getPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST " + u.getRawPath() + "?" + u.getRawQuery() + " HTTP/1.1\r\nHost: localhost\r\n"
          + "Authorization: " + basic(DEMO) + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (BodyCapFilter.MAX_BYTES + 1) + "\r\nExpect: 100-continue\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void refusedWritesWithBodiesAllGetTheirStatusOverOneKeptAliveConnection() throws Exception {
    // The adapter swallows each unread body, so no refusal is lost to a reset and none closes.
    String item = "{\"name\": \"" + "a".repeat(20_000) + "\"}";
    for (int i = 0; i < 100; i++) {
      HttpResponse<String> r = i % 2 == 0
          ? client.send("POST", client.https("/v2/items?key=key_demo_index"), null, item)
          : client.send("POST", client.https("/v2/items?key=key_demo_index"), basic(OTHER), item);
      assertThat(r.statusCode()).as("round %d", i).isEqualTo(i % 2 == 0 ? 401 : 403);
      assertThat(r.headers().firstValue("Connection")).as("round %d", i).isEmpty();
    }
  }
}
