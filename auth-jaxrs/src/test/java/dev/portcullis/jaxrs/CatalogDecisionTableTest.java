package dev.portcullis.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.jaxrs.TestClients.Client;
import dev.portcullis.jaxrs.TestClients.Reply;
import dev.portcullis.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The token decision table of the catalog API (shared/spec/demo-api.md, API 3), through the JAX-RS
 * adapter: Jersey in Jetty on a real port, driven by the JDK client and Apache HttpClient 5.
 */
class CatalogDecisionTableTest {
  private static final String BASIC_DEMO = basic("demo_api_token", "");
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static final AtomicBoolean STORE_DOWN = new AtomicBoolean();

  private static TokenService tokens;
  private static JerseyOnJetty server;
  private static Client jdk;
  private static Client apache;

  @BeforeAll
  static void start() throws Exception {
    AccountStore accounts = InMemoryAccountStore.builder()
        .account("demo", "demo_api_token", Set.of("key_demo_index", "key_demo_staging"))
        .account("other", "other_api_token", Set.of("key_other_index"))
        .build();
    tokens = TokenService.builder()
        .tokenStore(new InMemoryApiTokenStore())
        .accounts(new FlakyAccounts(accounts))
        .allowedScopes(Set.of("items", "facets", "redirects"))
        .clock(CLOCK)
        .build();
    Gate gate = Gate.builder()
        .scheme(new BasicTokenScheme(tokens, "catalog"))
        .scheme(new BearerTokenScheme(tokens, "catalog"))
        .requireSecure(true)
        .build();
    Map<String, ResourceConfig> apps = new LinkedHashMap<>();
    apps.put("/api", app(PortcullisFeature.builder().gate(gate).build()));
    apps.put("/strict", app(PortcullisFeature.builder().gate(gate).denyUnannotated(true).build()));
    server = JerseyOnJetty.start(apps, true);
    jdk = TestClients.jdk();
    apache = TestClients.apache();
  }

  static ResourceConfig app(PortcullisFeature feature) {
    return new ResourceConfig(CatalogResources.Items.class, CatalogResources.Facets.class,
        CatalogResources.IndexStats.class, CatalogResources.RedirectRules.class,
        CatalogResources.Tokens.class, CatalogResources.Open.class, CatalogResources.Misc.class)
        .register(JacksonFeature.class)
        .register(feature);
  }

  @AfterAll
  static void stop() throws Exception {
    jdk.close();
    apache.close();
    server.close();
  }

  static Stream<Client> clients() {
    return Stream.of(jdk, apache);
  }

  /** The catalog is HTTPS only (API 3), so the table runs over TLS. */
  private static URI api(String pathAndQuery) {
    return server.httpsUri("/api" + pathAndQuery);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String bearer(Permission... permissions) {
    IssuedToken t = tokens.admin().create("demo", "test", List.of(permissions), null).orElseThrow();
    return "Bearer " + t.secret();
  }

  private static Permission perm(String scope, Operation op, String... keys) {
    return new Permission(scope, op, Set.of(keys));
  }

  private static void assertJsonError(Reply r, int status, String error) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.first("Content-Type")).startsWith("application/json");
    assertThat(r.first("Cache-Control")).isEqualTo("no-store");
    assertThat(r.body()).contains("\"error\":\"" + error + "\"");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("demo_api_token");
  }

  private static void assertBothChallenges(Reply r) {
    List<String> challenges = r.all("WWW-Authenticate");
    assertThat(challenges).hasSize(2);
    assertThat(challenges.get(0)).startsWith("Basic realm=\"catalog\"");
    assertThat(challenges.get(1)).startsWith("Bearer realm=\"catalog\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void publicEndpointsNeedNoCredentials(Client c) throws Exception {
    assertThat(c.get(api("/search/shoes?key=key_demo_index")).status()).isEqualTo(200);
    assertThat(c.get(api("/autocomplete/sho")).status()).isEqualTo(200);
    Reply count = c.get(api("/v1/facets/count"));
    assertThat(count.status()).as("@Public on the method beats the class's @RequiresScope").isEqualTo(200);
    assertThat(count.all("WWW-Authenticate")).isEmpty();
    // A public endpoint does not even look at broken credentials.
    assertThat(c.get(api("/search/shoes"), "Authorization", "Basic !!!").status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void basicAccountTokenMayDoAnythingOnItsOwnKeys(Client c) throws Exception {
    Reply items = c.get(api("/v2/items?key=key_demo_index"), "Authorization", BASIC_DEMO);
    assertThat(items.status()).isEqualTo(200);
    assertThat(items.body()).contains("\"subject\":\"demo\"", "\"scheme\":\"BASIC\"", "\"accountRole\":true",
        "\"secure\":true");
    Reply created = c.send("POST", api("/v2/items?key=key_demo_staging"), TestClients.pairs("Authorization", BASIC_DEMO),
        "{\"id\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body()).contains("\"bytes\":8");
    Reply put = c.send("PUT", api("/v1/facets/color?key=key_demo_index"), TestClients.pairs("Authorization", BASIC_DEMO),
        "{}".getBytes(StandardCharsets.UTF_8), "application/json");
    assertThat(put.status()).isEqualTo(200);
    assertThat(c.get(api("/v1/facets?key=key_demo_index"), "Authorization", BASIC_DEMO).status()).isEqualTo(200);
    assertThat(c.get(api("/v1/indexes/key_demo_staging/stats"), "Authorization", BASIC_DEMO).status()).isEqualTo(200);
    assertThat(c.get(api("/v1/redirect_rules"), "Authorization", BASIC_DEMO, "X-Api-Key", "key_demo_index").status())
        .isEqualTo(200);
    Reply mgmt = c.get(api("/v1/tokens"), "Authorization", BASIC_DEMO);
    assertThat(mgmt.status()).as("token management names no resource").isEqualTo(200);
    assertThat(mgmt.body()).contains("\"account\":\"demo\"");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void anotherAccountsKeyIsForbidden(Client c) throws Exception {
    Reply r = c.get(api("/v2/items?key=key_other_index"), "Authorization", BASIC_DEMO);
    assertJsonError(r, 403, "insufficient_scope");
    assertThat(r.body()).contains("items(r)", "key_other_index");
    assertThat(c.get(api("/v1/indexes/key_other_index/stats"), "Authorization", BASIC_DEMO).status()).isEqualTo(403);
    assertThat(c.get(api("/v1/redirect_rules"), "Authorization", BASIC_DEMO, "X-Api-Key", "key_other_index").status())
        .isEqualTo(403);
    assertThat(c.get(api("/v2/items"), "Authorization", BASIC_DEMO).status())
        .as("no key named: the account token covers only its own keys").isEqualTo(403);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void scopedBearerDoesExactlyWhatItsPermissionsSay(Client c) throws Exception {
    String token = bearer(perm("items", Operation.READ, "key_demo_index"));
    Reply ok = c.get(api("/v2/items?key=key_demo_index"), "Authorization", token);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).contains("\"scheme\":\"Bearer\"", "\"account\":\"demo\"");
    assertThat(c.get(api("/v1/indexes/key_demo_index/stats"), "Authorization", token).status()).isEqualTo(200);

    Reply otherKey = c.get(api("/v2/items?key=key_demo_staging"), "Authorization", token);
    assertJsonError(otherKey, 403, "insufficient_scope");
    assertThat(otherKey.all("WWW-Authenticate")).containsExactly(
        "Bearer realm=\"catalog\", error=\"insufficient_scope\", scope=\"items(r)\"");

    Reply write = c.send("POST", api("/v2/items?key=key_demo_index"), TestClients.pairs("Authorization", token),
        "{}".getBytes(StandardCharsets.UTF_8), "application/json");
    assertJsonError(write, 403, "insufficient_scope");
    assertThat(write.all("WWW-Authenticate")).containsExactly(
        "Bearer realm=\"catalog\", error=\"insufficient_scope\", scope=\"items(w)\"");

    assertThat(c.get(api("/v1/facets?key=key_demo_index"), "Authorization", token).first("WWW-Authenticate"))
        .contains("scope=\"facets(r)\"");
    assertThat(c.get(api("/v1/tokens"), "Authorization", token).status()).isEqualTo(403);
    assertThat(c.get(api("/v1/redirect_rules"), "Authorization", token, "X-Api-Key", "key_demo_index").status())
        .isEqualTo(403);

    String rw = bearer(perm("items", Operation.READ_WRITE, "key_demo_index", "key_demo_staging"));
    assertThat(c.get(api("/v2/items?key=key_demo_staging"), "Authorization", rw).status()).isEqualTo(200);
    assertThat(c.send("POST", api("/v2/items?key=key_demo_staging"), TestClients.pairs("Authorization", rw),
        "{}".getBytes(StandardCharsets.UTF_8), "application/json").status()).isEqualTo(201);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void missingUnknownExpiredAndRevokedCredentialsGet401WithBothChallenges(Client c) throws Exception {
    Reply none = c.get(api("/v2/items?key=key_demo_index"));
    assertJsonError(none, 401, "unauthorized");
    assertBothChallenges(none);
    assertThat(none.all("WWW-Authenticate").get(1)).doesNotContain("error=");

    Reply unknownBasic = c.get(api("/v2/items?key=key_demo_index"), "Authorization", basic("no_such_token", ""));
    assertJsonError(unknownBasic, 401, "invalid_token");
    assertBothChallenges(unknownBasic);

    String unknownBearer = "Bearer pct_unknown_000000000000000000000000";
    Reply ub = c.get(api("/v2/items?key=key_demo_index"), "Authorization", unknownBearer);
    assertThat(ub.status()).isEqualTo(401);
    assertBothChallenges(ub);
    assertThat(ub.all("WWW-Authenticate").get(1)).contains("error=\"invalid_token\"");

    IssuedToken shortLived = tokens.admin().create("demo", "short",
        List.of(perm("items", Operation.READ, "key_demo_index")), Duration.ofMinutes(5)).orElseThrow();
    String expiring = "Bearer " + shortLived.secret();
    assertThat(c.get(api("/v2/items?key=key_demo_index"), "Authorization", expiring).status()).isEqualTo(200);
    CLOCK.advance(Duration.ofMinutes(6));
    Reply expired = c.get(api("/v2/items?key=key_demo_index"), "Authorization", expiring);
    assertJsonError(expired, 401, "invalid_token");
    assertBothChallenges(expired);
    assertThat(expired.all("WWW-Authenticate").get(1)).contains("error=\"invalid_token\"");

    IssuedToken doomed = tokens.admin().create("demo", "doomed", List.of(perm("items", Operation.READ, "key_demo_index")), null).orElseThrow();
    String revoking = "Bearer " + doomed.secret();
    assertThat(c.get(api("/v2/items?key=key_demo_index"), "Authorization", revoking).status()).isEqualTo(200);
    assertThat(tokens.admin().revoke("demo", doomed.info().id())).isTrue();
    Reply revoked = c.get(api("/v2/items?key=key_demo_index"), "Authorization", revoking);
    assertJsonError(revoked, 401, "invalid_token");
    assertBothChallenges(revoked);
    assertThat(revoked.body()).doesNotContain(doomed.secret());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void nonEmptyPasswordIsRefused(Client c) throws Exception {
    Reply r = c.get(api("/v2/items?key=key_demo_index"), "Authorization", basic("demo_api_token", "secret"));
    assertJsonError(r, 401, "invalid_credentials");
    assertBothChallenges(r);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void twoAuthorizationHeadersAreABadRequest(Client c) throws Exception {
    Reply r = c.get(api("/v2/items?key=key_demo_index"), "Authorization", BASIC_DEMO, "Authorization", BASIC_DEMO);
    assertJsonError(r, 400, "invalid_request");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void brokenHeadersAreBadRequests(Client c) throws Exception {
    for (String broken : List.of("Basic !!!", "Bearer two words", "Basic "
        + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)), "(((")) {
      Reply r = c.get(api("/v2/items?key=key_demo_index"), "Authorization", broken);
      assertThat(r.status()).as(broken).isEqualTo(400);
      assertJsonError(r, 400, "invalid_request");
    }
    Reply twice = c.get(api("/v2/items?key=key_demo_index&key=key_other_index"), "Authorization", BASIC_DEMO);
    assertJsonError(twice, 400, "invalid_request");
    assertThat(twice.body()).contains("more than once");
    Reply notUtf8 = c.get(api("/v2/items?key=%C3%28"), "Authorization", BASIC_DEMO);
    assertJsonError(notUtf8, 400, "invalid_request");
    Reply twoKeyHeaders = c.get(api("/v1/redirect_rules"), "Authorization", BASIC_DEMO,
        "X-Api-Key", "key_demo_index", "X-Api-Key", "key_other_index");
    assertJsonError(twoKeyHeaders, 400, "invalid_request");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void hugeHeadersGetA4xxNeverA500(Client c) throws Exception {
    String big = "x".repeat(20 * 1024);
    Reply r1 = c.get(api("/v2/items?key=key_demo_index"), "Authorization", "Bearer " + big);
    assertThat(r1.status()).isBetween(400, 499);
    Reply r2 = c.get(api("/v2/items?key=key_demo_index"), "Authorization", BASIC_DEMO, "X-Filler", big);
    assertThat(r2.status()).isBetween(400, 499);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void aRefusedRequestsBodyIsNeverRead(Client c) throws Exception {
    byte[] body = "{\"id\":42}".getBytes(StandardCharsets.UTF_8);
    int before = CatalogResources.BODY_READS.get();
    assertThat(c.send("POST", api("/v2/items?key=key_demo_index"), List.of(), body, "application/json").status())
        .isEqualTo(401);
    String reader = bearer(perm("items", Operation.READ, "key_demo_index"));
    assertThat(c.send("POST", api("/v2/items?key=key_demo_index"), TestClients.pairs("Authorization", reader), body,
        "application/json").status()).isEqualTo(403);
    assertThat(c.send("PUT", api("/v1/facets/size?key=key_other_index"), TestClients.pairs("Authorization", BASIC_DEMO),
        body, "application/json").status()).isEqualTo(403);
    assertThat(CatalogResources.BODY_READS.get()).isEqualTo(before);
    assertThat(c.send("POST", api("/v2/items?key=key_demo_index"), TestClients.pairs("Authorization", BASIC_DEMO), body,
        "application/json").status()).isEqualTo(201);
    assertThat(CatalogResources.BODY_READS.get()).isEqualTo(before + 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void unannotatedMethodsAreAuthenticatedOrClosed(Client c) throws Exception {
    assertThat(c.get(api("/misc/whoami")).status()).isEqualTo(401);
    Reply me = c.get(api("/misc/whoami"), "Authorization", BASIC_DEMO);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body()).contains("\"subject\":\"demo\"");
    assertJsonError(c.get(server.httpsUri("/strict/misc/whoami"), "Authorization", BASIC_DEMO), 403, "access_denied");
    assertThat(c.get(server.httpsUri("/strict/v2/items?key=key_demo_index"), "Authorization", BASIC_DEMO).status())
        .isEqualTo(200);
    assertThat(c.get(server.httpsUri("/strict/search/x")).status()).isEqualTo(200);
    assertJsonError(c.get(api("/misc/closed"), "Authorization", BASIC_DEMO), 403, "access_denied");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void headRequestsAreProtectedLikeTheirGet(Client c) throws Exception {
    Reply anonymous = c.send("HEAD", api("/v2/items?key=key_demo_index"), List.of(), null, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.all("WWW-Authenticate")).hasSize(2);
    assertThat(c.send("HEAD", api("/v2/items?key=key_other_index"), TestClients.pairs("Authorization", BASIC_DEMO),
        null, null).status()).isEqualTo(403);
    assertThat(c.send("HEAD", api("/v2/items?key=key_demo_index"), TestClients.pairs("Authorization", BASIC_DEMO),
        null, null).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void plainHttpIsRefusedWithAMessageSayingHttpsIsRequired(Client c) throws Exception {
    Reply r = c.get(server.uri("/api/v2/items?key=key_demo_index"), "Authorization", BASIC_DEMO);
    assertJsonError(r, 403, "https_required");
    assertThat(r.body()).contains("HTTPS is required");
    assertThat(c.get(server.uri("/api/search/shoes")).status()).as("public stays public").isEqualTo(200);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clients")
  void anUnreachableStoreFailsClosedWith503(Client c) throws Exception {
    STORE_DOWN.set(true);
    try {
      Reply r = c.get(api("/v2/items?key=key_demo_index"), "Authorization", BASIC_DEMO);
      assertJsonError(r, 503, "temporarily_unavailable");
    } finally {
      STORE_DOWN.set(false);
    }
    assertThat(c.get(api("/v2/items?key=key_demo_index"), "Authorization", BASIC_DEMO).status()).isEqualTo(200);
  }

  /** An account store that can be switched off, as a database outage would. */
  private record FlakyAccounts(AccountStore delegate) implements AccountStore {
    @Override
    public Optional<Account> findByApiTokenHash(byte[] sha256) {
      check();
      return delegate.findByApiTokenHash(sha256);
    }

    @Override
    public Optional<Account> find(String accountId) {
      check();
      return delegate.find(accountId);
    }

    private static void check() {
      if (STORE_DOWN.get()) {
        throw new StoreUnavailableException("account store offline");
      }
    }
  }
}
