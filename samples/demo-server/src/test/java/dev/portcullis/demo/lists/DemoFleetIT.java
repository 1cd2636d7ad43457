package dev.portcullis.demo.lists;

import static dev.portcullis.demo.DemoClient.basic;
import static dev.portcullis.demo.DemoClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.demo.DemoClient;
import dev.portcullis.demo.DemoProcess;
import dev.portcullis.demo.contacts.ContactsApi;
import dev.portcullis.testing.Browser;
import dev.portcullis.testing.DigestCrafter;
import dev.portcullis.testing.RawClient;
import dev.portcullis.testing.servers.PostgresServer;
import dev.portcullis.testing.servers.RedisServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 11's fleet as an adopting team would run it: two demo nodes, each its own process
 * ({@code java -jar demo-server.jar}, {@link DemoProcess}) with its own ports, pool, caches and node
 * name, sharing only one real PostgreSQL database ({@code --jdbc-url}), one real Redis
 * ({@code --redis}) and the keys file, and a client alternating between them over real sockets. Both nodes trust 127.0.0.1's forwarding headers, as behind a load balancer, so an
 * OAuth request signed for the public URL is the same request on either node.
 *
 * <p>The cross-node cases come first; the faults (Redis killed, PostgreSQL stopped, each under a
 * small load and without restarting the nodes) run after them because they take the shared servers
 * away; last, {@code kill -9} of a node (and of an H2 demo), restarted with the same command line,
 * finds every token, console-made API key, console-made consumer and OAuth grant again. A failsafe
 * test: it needs the shaded jar.
 * The servers are this class's own, not the JVM-wide ones, since the faults stop them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoFleetIT {
  private static final String PUBLIC = "http://api.example.com";
  private static final String CALLBACK = "http://localhost:8000/callback";
  private static final String CONTACTS = "/ws/customers/ctct_customer/contacts";
  private static final String DIGEST_USER = ContactsApi.API_KEY + "%ctct_customer";
  private static final String ITEMS = "/v2/items?key=key_demo_index";

  private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1).connectTimeout(java.time.Duration.ofSeconds(10)).build();

  private static PostgresServer pg;
  private static RedisServer redis;
  private static Path keys;
  private static Path work;
  private static DemoProcess a;
  private static DemoProcess b;
  private static DemoClient onA;
  private static DemoClient onB;

  @BeforeAll
  static void start() throws Exception {
    pg = PostgresServer.create();
    redis = RedisServer.startNew();
    // both nodes read the shared keys from here: what PORTCULLIS_*_KEY in the environment does for real nodes
    keys = Files.createTempDirectory("portcullis-fleet-keys-");
    work = Files.createDirectories(keys.resolve("work"));
    a = DemoProcess.start(work, node("fleet-a"));
    b = DemoProcess.start(work, node("fleet-b"));
    onA = a.client();
    onB = b.client();
  }

  /** The command line of a fleet node: the shared database, Redis and keys, behind a proxy on 127.0.0.1. */
  private static String[] node(String name) {
    return new String[] {"--data", keys.toString(), "--node-name", name, "--trusted-proxy", "127.0.0.1",
        "--jdbc-url", pg.jdbcUrl(), "--jdbc-user", pg.user(), "--redis", redis.uri()};
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {b, a, pg}) {
      if (c != null) {
        c.close();
      }
    }
    if (redis != null) {
      redis.stopAndDelete();
    }
    if (keys != null) {
      try (var files = Files.walk(keys)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void aTokenMadeOnAWorksOnBAndRevokedOnBIsRefusedOnAWithinASecond() throws Exception {
    assertThat(a.stderr()).contains("[fleet-a] stores: jdbc jdbc:postgresql://").contains("replay state in redis");
    HttpResponse<String> created = onA.send("POST", onA.https("/v1/tokens"), basic("demo_api_token"),
        DemoClient.itemsReadToken("fleet"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String token = DemoClient.field(created.body(), "token");
    String id = DemoClient.field(created.body(), "id");
    assertThat(onB.get(onB.https(ITEMS), bearer(token)).statusCode()).as("made on A, used on B at once").isEqualTo(200);
    // A has it in its read cache now: the revocation must reach that cache, not only the database
    assertThat(onA.get(onA.https(ITEMS), bearer(token)).statusCode()).isEqualTo(200);

    assertThat(onB.send("DELETE", onB.https("/v1/tokens/" + id), basic("demo_api_token"), null).statusCode())
        .isEqualTo(204);
    long revoked = System.nanoTime();
    int status = poll(() -> status(onA, ITEMS, bearer(token)), 401, 1_000);
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revoked);
    System.out.println("[fleet] token revoked on B refused on A after " + ms + " ms");
    assertThat(status).as("revoked on B, refused on A within 1 s").isEqualTo(401);
  }

  @Test
  @Order(2)
  void anOAuthRequestAcceptedByAAndReplayedToBIsANonceUsed() throws Exception {
    String body = requestTokenBody();
    HttpResponse<String> first = oauthPost(onA, "/1.0/oauth/request_token", body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    HttpResponse<String> replay = oauthPost(onB, "/1.0/oauth/request_token", body);
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(401);
    assertThat(replay.body()).contains("oauth_problem=nonce_used");
  }

  @Test
  @Order(3)
  void aDigestNonceIssuedByAVerifiesOnBAndACountReusedOnBIsRefused() throws Exception {
    String nonce = digestNonce(onA);
    assertThat(status(onA, CONTACTS, digest("mypassword", nonce, 1), false)).isEqualTo(200);
    assertThat(status(onB, CONTACTS, digest("mypassword", nonce, 2), false)).as("A's nonce verifies on B").isEqualTo(200);
    assertThat(status(onB, CONTACTS, digest("mypassword", nonce, 2), false)).as("nc 2 reused on B").isEqualTo(401);
    assertThat(status(onB, CONTACTS, digest("mypassword", nonce, 1), false)).as("nc 1, spent on A, on B").isEqualTo(401);
  }

  @Test
  @Order(4)
  void authorizedOnAAndExchangedOnB() throws Exception {
    Map<String, String> rt = requestToken(onA);
    String verifier = authorize(a, rt.get("oauth_token"));
    HttpResponse<String> access = oauthPost(onB, "/1.0/oauth/access_token",
        accessTokenBody(rt.get("oauth_token"), rt.get("oauth_token_secret"), verifier));
    assertThat(access.statusCode()).as(access.body()).isEqualTo(200);
    assertThat(form(access.body())).containsKeys("oauth_token", "oauth_token_secret");
    Map<String, String> at = form(access.body());
    assertThat(at.get("oauth_token")).isNotEqualTo(rt.get("oauth_token"));
    // exchanged on B, used on A: the access token and its sealed secret are read back from the database
    HttpResponse<String> accounts = oauthGet(onA, "/1.0/accounts", at.get("oauth_token"), at.get("oauth_token_secret"));
    assertThat(accounts.statusCode()).as(accounts.body()).isEqualTo(200);
    assertThat(accounts.body()).contains("\"entries\"");
  }

  /** A GET signed for the public URL with the OAuth parameters in the query (RFC 5849 §3.5.3). */
  private static HttpResponse<String> oauthGet(DemoClient node, String path, String token, String tokenSecret)
      throws Exception {
    String query = FormSigner.signed("GET", PUBLIC + path, oauthParams(Map.of("oauth_token", token)),
        DemoLists.CONSUMER_SECRET, tokenSecret);
    return HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(node.http(path) + "?" + query))
            .timeout(java.time.Duration.ofSeconds(20))
            .header("X-Forwarded-Proto", "http").header("X-Forwarded-Host", "api.example.com")
            .header("X-Forwarded-Port", "80").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(5)
  void theSameRequestTokenExchangedOnAAndBAtOnceSucceedsExactlyOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        Map<String, String> rt = requestToken(round % 2 == 0 ? onA : onB);
        String verifier = authorize(round % 2 == 0 ? b : a, rt.get("oauth_token"));
        // each node gets its own correctly signed request (its own nonce): only the token is shared
        String toA = accessTokenBody(rt.get("oauth_token"), rt.get("oauth_token_secret"), verifier);
        String toB = accessTokenBody(rt.get("oauth_token"), rt.get("oauth_token_secret"), verifier);
        CountDownLatch go = new CountDownLatch(1);
        Callable<HttpResponse<String>> exA = () -> {
          go.await();
          return oauthPost(onA, "/1.0/oauth/access_token", toA);
        };
        Callable<HttpResponse<String>> exB = () -> {
          go.await();
          return oauthPost(onB, "/1.0/oauth/access_token", toB);
        };
        Future<HttpResponse<String>> fa = pool.submit(exA);
        Future<HttpResponse<String>> fb = pool.submit(exB);
        go.countDown();
        HttpResponse<String> ra = fa.get(30, TimeUnit.SECONDS);
        HttpResponse<String> rb = fb.get(30, TimeUnit.SECONDS);
        List<Integer> statuses = List.of(ra.statusCode(), rb.statusCode());
        assertThat(statuses).as("round %d: A %s / B %s", round, ra.body(), rb.body()).containsExactlyInAnyOrder(200, 401);
        HttpResponse<String> loser = ra.statusCode() == 401 ? ra : rb;
        assertThat(loser.body()).startsWith("oauth_problem=");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(6)
  void failedDigestAttemptsSplitOverBothNodesReach429AtTheSameTotalAsOnOneNode() throws Exception {
    int oneNode = failuresBefore429("127.0.0.4", List.of(a));
    int split = failuresBefore429("127.0.0.3", List.of(a, b));
    System.out.println("[fleet] wrong Digest passwords before 429: one node " + oneNode + ", alternating A/B " + split);
    assertThat(oneNode).isPositive();
    assertThat(split).as("the count is the fleet's, not each node's").isEqualTo(oneNode);
  }

  @Test
  @Order(7)
  void anApiKeyDisabledThroughTheConsoleOnAIsRefusedByDigestOnBAtOnce() throws Exception {
    String path = "/ws/customers/other_customer/contacts";
    assertThat(otherCustomer(onB, path)).as("B has read (and cached) the key's application").isEqualTo(200);
    String keyPath = "/v1/console/api_keys/" + ContactsApi.API_KEY;
    HttpResponse<String> off = onA.send("POST", onA.https(keyPath + "/disable"), basic("demo_api_token"), "{}");
    assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
    long disabled = System.nanoTime();
    try {
      int status = poll(() -> otherCustomer(onB, path), 401, 1_000);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - disabled);
      System.out.println("[fleet] API key disabled on A: Digest refused on B after " + ms + " ms");
      assertThat(status).as("the disabled key is refused on B").isEqualTo(401);
      assertThat(ms).as("by the broadcast, well inside the cache's 1 s TTL").isLessThan(500);
    } finally {
      HttpResponse<String> on = onA.send("POST", onA.https(keyPath + "/enable"), basic("demo_api_token"), "{}");
      assertThat(on.statusCode()).as(on.body()).isEqualTo(200);
    }
    assertThat(poll(() -> otherCustomer(onB, path), 200, 1_000)).as("enabled again on A, served on B").isEqualTo(200);
  }

  /** A Digest GET of {@code path} as the second demo customer, with a fresh nonce from {@code node}. */
  private static int otherCustomer(DemoClient node, String path) throws Exception {
    HttpResponse<String> challenge = node.get(node.http(path), null);
    String nonce = DigestCrafter.challenge(challenge.headers().allValues("WWW-Authenticate"), "SHA-256").get("nonce");
    String auth = DigestCrafter.authorization("GET", path, ContactsApi.API_KEY + "%other_customer", "otherpassword",
        ContactsApi.REALM, "SHA-256", nonce, "00000001", "auth", new byte[0]);
    return node.get(node.http(path), auth).statusCode();
  }

  @Test
  @Order(8)
  void redisKilledUnderLoadIs503OnWhatNeedsItAndServesAgainWithin5sOfItsReturn() throws Exception {
    try (Load load = new Load()) {
      Thread.sleep(300);
      redis.kill();
      long killed = System.nanoTime();
      try {
        for (DemoClient node : List.of(onA, onB)) {
          HttpResponse<String> oauth = oauthPost(node, "/1.0/oauth/request_token", requestTokenBody());
          assertUnavailable(oauth);
          String nonce = digestNonce(node); // stateless: the challenge needs no store
          HttpResponse<String> digest = node.get(node.http(CONTACTS), digest("mypassword", nonce, 1));
          assertUnavailable(digest);
        }
        System.out.println("[fleet] redis down: both nodes 503 on OAuth and Digest after "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed) + " ms; load so far " + load.counts);
      } finally {
        redis.restart();
      }
      long back = System.nanoTime();
      long[] ms = new long[2];
      int i = 0;
      for (DemoClient node : List.of(onA, onB)) {
        int status = poll(() -> oauthPost(node, "/1.0/oauth/request_token", requestTokenBody()).statusCode(), 200, 5_000);
        ms[i++] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
        assertThat(status).as("OAuth serves again within 5 s of Redis's return").isEqualTo(200);
      }
      String nonce = digestNonce(onB);
      assertThat(status(onA, CONTACTS, digest("mypassword", nonce, 1), false)).isEqualTo(200);
      assertThat(status(onB, CONTACTS, digest("mypassword", nonce, 1), false)).as("nc windows shared again").isEqualTo(401);
      System.out.println("[fleet] redis restarted: OAuth 200 again on A after " + ms[0] + " ms, on B after " + ms[1]
          + " ms; load statuses " + load.counts);
      load.assertOnlyOkOrUnavailable();
    }
  }

  @Test
  @Order(9)
  void postgresStoppedUnderLoadIs503AndTheNodesRecoverWhenItReturns() throws Exception {
    try (Load load = new Load()) {
      Thread.sleep(300);
      pg.stop();
      try {
        for (DemoClient node : List.of(onA, onB)) {
          assertUnavailable(node.get(node.https("/v1/tokens"), basic("demo_api_token")));
          assertUnavailable(node.send("POST", node.https("/v1/tokens"), basic("demo_api_token"),
              DemoClient.itemsReadToken("down")));
        }
        System.out.println("[fleet] postgres down: token endpoints 503 on both nodes; load so far " + load.counts);
      } finally {
        pg.start();
      }
      long back = System.nanoTime();
      long[] ms = new long[2];
      int i = 0;
      for (DemoClient node : List.of(onA, onB)) {
        int status = poll(() -> status(node, "/v1/tokens", basic("demo_api_token")), 200, 10_000);
        ms[i++] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
        assertThat(status).as("the token endpoint serves again once the pool reconnects").isEqualTo(200);
      }
      System.out.println("[fleet] postgres restarted: /v1/tokens 200 again on A after " + ms[0] + " ms, on B after "
          + ms[1] + " ms; load statuses " + load.counts);
      load.assertOnlyOkOrUnavailable();
    }
  }

  @Test
  @Order(10)
  void aFleetNodeKilledWithKill9AndRestartedFindsEveryTokenKeyConsumerAndGrant() throws Exception {
    Durables made = makeDurables(onA, a);
    a.kill9();
    // while A is down its peer serves all of it: nothing lived only in A
    assertDurables(onB, made);
    a = DemoProcess.start(work, node("fleet-a"));
    onA = a.client();
    assertDurables(onA, made);
  }

  @Test
  @Order(11)
  void theH2DemoKilledWithKill9AndRestartedFindsEveryTokenKeyConsumerAndGrant() throws Exception {
    Path data = Files.createTempDirectory(keys, "h2-");
    // the README's demo command: the H2 default in a data directory (behind a proxy on 127.0.0.1
    // only so that the OAuth requests signed for the public URL verify)
    String[] args = {"--data", data.toString(), "--node-name", "fleet-h2", "--trusted-proxy", "127.0.0.1"};
    Durables made;
    try (DemoProcess h2 = DemoProcess.start(data, args)) {
      assertThat(h2.stderr()).contains("[fleet-h2] stores: h2 ");
      // the exchange inside opens the request token's sealed secret, read back from H2
      made = makeDurables(h2.client(), h2);
      h2.kill9(); // no shutdown hook, no orderly close of H2
    }
    try (DemoProcess h2 = DemoProcess.start(data, args)) {
      assertDurables(h2.client(), made);
    }
  }

  /** What a customer made on a node and expects to find again: each kind of durable state once. */
  private record Durables(String token, String apiKey, String consumerKey, String consumerSecret,
      String accessToken, String accessSecret) {}

  /**
   * Makes, on {@code node}: an API token ({@code POST /v1/tokens}), an API key and an OAuth
   * application through the console's JSON API, and an OAuth grant (request token, approval on the
   * authorize page, exchange).
   */
  private static Durables makeDurables(DemoClient client, DemoProcess node) throws Exception {
    HttpResponse<String> token = client.send("POST", client.https("/v1/tokens"), basic("demo_api_token"),
        DemoClient.itemsReadToken("kill -9"));
    assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
    HttpResponse<String> key = client.send("POST", client.https("/v1/console/api_keys"), basic("demo_api_token"),
        "{\"name\":\"survives kill -9\"}");
    assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
    HttpResponse<String> app = client.send("POST", client.https("/v1/console/oauth_apps"), basic("demo_api_token"),
        "{\"name\":\"survives kill -9\",\"callbacks\":[\"oob\"]}");
    assertThat(app.statusCode()).as(app.body()).isEqualTo(201);
    Map<String, String> rt = requestToken(client);
    String verifier = authorize(node, rt.get("oauth_token"));
    HttpResponse<String> access = oauthPost(client, "/1.0/oauth/access_token",
        accessTokenBody(rt.get("oauth_token"), rt.get("oauth_token_secret"), verifier));
    assertThat(access.statusCode()).as(access.body()).isEqualTo(200);
    Map<String, String> at = form(access.body());
    Durables made = new Durables(DemoClient.field(token.body(), "token"), DemoClient.field(key.body(), "api_key"),
        DemoClient.field(app.body(), "consumer_key"), DemoClient.field(app.body(), "consumer_secret"),
        at.get("oauth_token"), at.get("oauth_token_secret"));
    assertDurables(client, made);
    return made;
  }

  /** Each of {@code made} still works (the token, the consumer, the grant) or is listed (the key). */
  private static void assertDurables(DemoClient client, Durables made) throws Exception {
    HttpResponse<String> items = client.get(client.https(ITEMS), bearer(made.token()));
    assertThat(items.statusCode()).as("the API token: " + items.body()).isEqualTo(200);
    HttpResponse<String> keys = client.get(client.https("/v1/console/api_keys"), basic("demo_api_token"));
    assertThat(keys.statusCode()).as(keys.body()).isEqualTo(200);
    assertThat(keys.body()).as("the console-made API key").contains("\"" + made.apiKey() + "\"");
    Map<String, String> params = oauthParams(Map.of("oauth_callback", "oob"));
    params.put("oauth_consumer_key", made.consumerKey());
    HttpResponse<String> own = oauthPost(client, "/1.0/oauth/request_token",
        FormSigner.signedBody(PUBLIC + "/1.0/oauth/request_token", params, made.consumerSecret(), ""));
    assertThat(own.statusCode()).as("the console-made consumer signs a request token: " + own.body()).isEqualTo(200);
    HttpResponse<String> accounts = oauthGet(client, "/1.0/accounts", made.accessToken(), made.accessSecret());
    assertThat(accounts.statusCode()).as("the OAuth grant: " + accounts.body()).isEqualTo(200);
  }

  /**
   * A few client threads alternating between the nodes with OAuth request-token requests (replay
   * guard in Redis, consumer in the database) and Basic-token reads, counting statuses: a fault may
   * turn them into 503, never into a 500 or anything else.
   */
  private static final class Load implements AutoCloseable {
    final Map<Integer, AtomicInteger> counts = new ConcurrentHashMap<>();
    final List<String> odd = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    Load() {
      for (int t = 0; t < 3; t++) {
        int first = t;
        threads.submit(() -> {
          int n = first;
          while (running.get()) {
            DemoClient node = n % 2 == 0 ? onA : onB;
            try {
              HttpResponse<String> r = (n / 2) % 2 == 0
                  ? oauthPost(node, "/1.0/oauth/request_token", requestTokenBody())
                  : node.get(node.https(ITEMS), basic("demo_api_token"));
              counts.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
              if (r.statusCode() != 200 && r.statusCode() != 503) {
                odd.add(r.statusCode() + " " + r.body());
              }
              Thread.sleep(20); // bounded: a few requests per thread per 100 ms
            } catch (InterruptedException e) {
              return null;
            } catch (Exception e) {
              odd.add(e.toString());
            }
            n++;
          }
          return null;
        });
      }
    }

    void assertOnlyOkOrUnavailable() {
      assertThat(odd).as("load requests other than 200/503, statuses " + counts).isEmpty();
      assertThat(counts.get(200)).as("the load got through some of the time").isNotNull();
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      threads.shutdown();
      threads.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  /** Wrong passwords from {@code from}, spread round-robin over {@code nodes}, counted until the first 429. */
  private static int failuresBefore429(String from, List<DemoProcess> nodes) throws Exception {
    RawClient client = new RawClient(from);
    String nonce = DigestCrafter.challenge(
        client.get(URI.create("http://127.0.0.1:" + nodes.get(0).httpPort() + CONTACTS), Map.of()).headers()
            .get("www-authenticate"), "SHA-256").get("nonce");
    for (int i = 1; i <= 50; i++) {
      DemoProcess node = nodes.get(i % nodes.size());
      RawClient.Response r = client.get(URI.create("http://127.0.0.1:" + node.httpPort() + CONTACTS),
          Map.of("Authorization", digest("guess-" + i, nonce, i)));
      if (r.status() == 429) {
        assertThat(r.header("Retry-After")).matches("[1-9][0-9]*");
        return i - 1;
      }
      assertThat(r.status()).as(r.body()).isEqualTo(401);
    }
    throw new AssertionError("no 429 after 50 wrong passwords from " + from);
  }

  private static Map<String, String> requestToken(DemoClient node) throws Exception {
    HttpResponse<String> r = oauthPost(node, "/1.0/oauth/request_token", requestTokenBody());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return form(r.body());
  }

  /** Approves the request token as demo_user on {@code node}'s authorize page; returns the verifier. */
  private static String authorize(DemoProcess node, String requestToken) throws Exception {
    URI page = URI.create("http://127.0.0.1:" + node.httpPort() + "/1.0/oauth/authorize?oauth_token="
        + FormSigner.enc(requestToken));
    HttpResponse<String> approved = new Browser().login(page, "demo_user", "demo_password");
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
    String location = approved.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(CALLBACK);
    return Browser.query(location).get("oauth_verifier");
  }

  private static String requestTokenBody() {
    return FormSigner.signedBody(PUBLIC + "/1.0/oauth/request_token",
        oauthParams(Map.of("oauth_callback", CALLBACK)), DemoLists.CONSUMER_SECRET, "");
  }

  private static String accessTokenBody(String token, String tokenSecret, String verifier) {
    return FormSigner.signedBody(PUBLIC + "/1.0/oauth/access_token",
        oauthParams(Map.of("oauth_token", token, "oauth_verifier", verifier)), DemoLists.CONSUMER_SECRET, tokenSecret);
  }

  private static Map<String, String> oauthParams(Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("oauth_consumer_key", DemoLists.CONSUMER_KEY,
        "oauth_nonce", UUID.randomUUID().toString(), "oauth_signature_method", "HMAC-SHA1",
        "oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000), "oauth_version", "1.0"));
    params.putAll(extra);
    return params;
  }

  /** POSTs a signed form to {@code node} as the load balancer forwards it for the public URL. */
  private static HttpResponse<String> oauthPost(DemoClient node, String path, String body) throws Exception {
    return HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(node.http(path)))
            .timeout(java.time.Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Forwarded-Proto", "http").header("X-Forwarded-Host", "api.example.com")
            .header("X-Forwarded-Port", "80")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new TreeMap<>();
    for (String pair : body.trim().split("&")) {
      int eq = pair.indexOf('=');
      out.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
          java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String digestNonce(DemoClient node) throws Exception {
    HttpResponse<String> challenge = node.get(node.http(CONTACTS), null);
    assertThat(challenge.statusCode()).isEqualTo(401);
    return DigestCrafter.challenge(challenge.headers().allValues("WWW-Authenticate"), "SHA-256").get("nonce");
  }

  private static String digest(String password, String nonce, int nc) {
    return DigestCrafter.authorization("GET", CONTACTS, DIGEST_USER, password, ContactsApi.REALM, "SHA-256", nonce,
        String.format(Locale.ROOT, "%08x", nc), "auth", new byte[0]);
  }

  private static int status(DemoClient node, String path, String authorization) throws Exception {
    return status(node, path, authorization, true);
  }

  private static int status(DemoClient node, String path, String authorization, boolean tls) throws Exception {
    return node.get(tls ? node.https(path) : node.http(path), authorization).statusCode();
  }

  /** Repeats {@code probe} every 25 ms until it answers {@code wanted} or {@code limitMs} pass; the last status. */
  private static int poll(ThrowingIntSupplier probe, int wanted, long limitMs) throws Exception {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
    int status;
    do {
      status = probe.get();
      if (status == wanted) {
        return status;
      }
      Thread.sleep(25);
    } while (System.nanoTime() < end);
    return status;
  }

  @FunctionalInterface
  private interface ThrowingIntSupplier {
    int get() throws Exception;
  }

  private static void assertUnavailable(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("jdbc:").doesNotContain("redis://");
  }
}
