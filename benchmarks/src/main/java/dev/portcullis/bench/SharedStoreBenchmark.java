package dev.portcullis.bench;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.digest.DigestScheme;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.core.spi.digest.DigestCredentials;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.store.cache.ReadCache;
import dev.portcullis.store.redis.RedisStores;
import dev.portcullis.testing.servers.RedisServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.jspecify.annotations.Nullable;

/**
 * What the shared stores add to one verification, each measured against the in-memory store in the
 * same run:
 * <ul>
 *   <li>{@code digest}: a full HTTP Digest (SHA-256) verification whose nc window is the in-memory
 *       guard or the Redis script (one round trip to a local redis-server on loopback);
 *   <li>{@code bearer}: a Bearer API-token verification through {@link Gate}, with the token store
 *       used directly or behind the Caffeine {@link ReadCache} (the cache's own cost on a hit);
 *   <li>{@code digestCachedCredentials}: the Digest verification with the HA1 lookup cached.
 * </ul>
 *
 * <p>Redis is {@code -Dportcullis.redis=redis://host:port}, or a redis-server this benchmark
 * starts on a free port. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar SharedStoreBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SharedStoreBenchmark {
  private static final String REALM = "contacts";
  private static final String KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";
  private static final String USER = KEY + "%ctct_customer";
  private static final String PATH = "/ws/customers/ctct_customer/contacts";

  /** {@code memory}: the in-memory stores; {@code redis}/{@code cached}: the shared ones. */
  @Param({"memory", "shared"})
  public String stores;

  private @Nullable RedisServer ownServer;
  private @Nullable RedisStores redis;
  private DigestScheme digest;
  private DigestScheme digestCachedCredentials;
  private AuthRequest digestRequest;
  private String digestHeader;
  private Gate tokenGate;
  private AuthRequest bearerRequest;

  /** Gives every call a fresh, rising count so the precomputed request keeps passing the window. */
  static final class RisingCounts implements ReplayGuard {
    private final ReplayGuard delegate;
    private long count;

    RisingCounts(ReplayGuard delegate) {
      this.delegate = delegate;
    }

    @Override
    public boolean firstUse(String key, Duration ttl) {
      return delegate.firstUse(key, ttl);
    }

    @Override
    public synchronized boolean firstCount(String key, long ignored, int window, Duration ttl) {
      return delegate.firstCount(key, ++count, window, ttl);
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Clock clock = Clock.systemUTC();
    ReplayGuard guard;
    ApiTokenStore tokenStore = new InMemoryApiTokenStore();
    DigestCredentialStore users = InMemoryDigestCredentialStore.builder().realm(REALM)
        .user(USER, "mypassword".toCharArray()).build();
    DigestCredentialStore cachedUsers = users;
    if (stores.equals("shared")) {
      String uri = System.getProperty("portcullis.redis");
      if (uri == null) {
        ownServer = RedisServer.startNew();
        uri = ownServer.uri();
      }
      redis = RedisStores.builder().uri(uri).keyPrefix("bench:" + System.nanoTime() + ":").build();
      guard = redis.replayGuard();
      ReadCache cache = ReadCache.builder().invalidations(redis.invalidations()).build();
      tokenStore = cache.apiTokens(tokenStore);
      cachedUsers = cache.digestCredentials(users);
    } else {
      guard = new InMemoryReplayGuard(clock, 1_000_000);
    }
    InMemoryApplicationRegistry apps = new InMemoryApplicationRegistry().register(new Application(KEY, "bench", true));
    digest = digestScheme(users, apps, clock, new RisingCounts(guard));
    digestCachedCredentials = digestScheme(cachedUsers, apps, clock,
        new RisingCounts(new InMemoryReplayGuard(clock, 1_000_000)));
    digestRequest = AuthRequests.builder().method("GET").scheme("http").host("127.0.0.1").port(8080).rawPath(PATH).build();
    String challenge = digest.challenges(digestRequest, null).get(0);
    int n = challenge.indexOf("nonce=\"") + 7;
    String nonce = challenge.substring(n, challenge.indexOf('"', n));
    String ha1 = DigestCredentials.hex(DigestCredentials.ha1(DigestAlgorithm.SHA_256, USER, REALM, "mypassword".toCharArray()));
    String response = hex(ha1 + ":" + nonce + ":00000001:cn:auth:" + hex("GET:" + PATH));
    digestHeader = "username=\"" + USER + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + PATH
        + "\", algorithm=SHA-256, response=\"" + response + "\", qop=auth, nc=00000001, cnonce=\"cn\"";

    TokenService tokens = TokenService.builder()
        .tokenStore(tokenStore)
        .accounts(InMemoryAccountStore.builder().account("demo", "demo_api_token", Set.of("key_demo_index")).build())
        .allowedScopes(Set.of("items"))
        .maxTokensPerAccount(2_000)
        .build();
    IssuedToken token = null;
    for (int i = 0; i < 1_000; i++) {
      token = tokens.admin().create("demo", "bench " + i, List.of(new Permission("items", Operation.READ, Set.of("key_demo_index"))), null).orElseThrow();
    }
    tokenGate = Gate.builder().scheme(new BearerTokenScheme(tokens, "catalog")).requireSecure(true).build();
    bearerRequest = AuthRequests.builder().method("GET").scheme("https").host("api.example.com").port(443)
        .rawPath("/v2/items").rawQuery("key=key_demo_index").header("Authorization", "Bearer " + token.secret()).build();

    if (!(digest() instanceof Outcome.Authenticated) || !(digestCachedCredentials() instanceof Outcome.Authenticated)
        || !(bearer() instanceof Outcome.Authenticated)) {
      throw new IllegalStateException("benchmark requests do not verify");
    }
  }

  private static DigestScheme digestScheme(DigestCredentialStore users, InMemoryApplicationRegistry apps, Clock clock,
      ReplayGuard guard) {
    return DigestScheme.builder().realm(REALM).algorithms(DigestAlgorithm.SHA_256).credentials(users).applications(apps)
        .grants((k, u) -> Grants.of(new Permission("contacts", Operation.READ_WRITE, Set.of(u))))
        .nonceKey("benchmark-nonce-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
        .clock(clock).replayGuard(guard).build();
  }

  private static String hex(String s) throws Exception {
    return DigestCredentials.hex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (redis != null) {
      redis.close();
    }
    if (ownServer != null) {
      ownServer.stopAndDelete();
    }
  }

  /** Digest with the nc window in memory ({@code memory}) or in Redis ({@code shared}). */
  @Benchmark
  public Outcome digest() {
    return digest.authenticate(digestRequest, digestHeader);
  }

  /** Digest (window in memory) with the HA1 lookup direct ({@code memory}) or cached ({@code shared}). */
  @Benchmark
  public Outcome digestCachedCredentials() {
    return digestCachedCredentials.authenticate(digestRequest, digestHeader);
  }

  /** Bearer with the token store direct ({@code memory}) or behind the read cache ({@code shared}). */
  @Benchmark
  public Outcome bearer() {
    return tokenGate.authenticate(bearerRequest);
  }
}
