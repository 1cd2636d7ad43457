package dev.portcullis.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.store.cache.ReadCache;
import dev.portcullis.store.jdbc.JdbcStores;
import dev.portcullis.store.redis.RedisStores;
import dev.portcullis.testing.servers.PostgresServer;
import dev.portcullis.testing.servers.RedisServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
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

/**
 * What each store engine costs per verification, all engines in one run against {@code memory}:
 * <ul>
 *   <li>{@code bearerCached}: a Bearer API-token verification through {@link Gate} with the
 *       engine's token store behind the Caffeine {@link ReadCache} (the production setup);
 *   <li>{@code bearerUncached}: the same with the token store used directly (one round trip for
 *       JDBC);
 *   <li>{@code replayCount}: one Digest nc-window check ({@link ReplayGuard#firstCount}) in the
 *       engine's replay guard, the per-request store cost of a Digest verification;
 *   <li>{@code replayNonce}: one OAuth 1.0a nonce record ({@link ReplayGuard#firstUse}).
 * </ul>
 *
 * <p>{@code redis} keeps tokens in memory (Redis has no token store) with cache invalidations and
 * the replay guard on Redis. PostgreSQL and Redis are real servers started on free ports
 * ({@link PostgresServer}, {@link RedisServer}). Run:
 * {@code java -jar benchmarks/target/benchmarks.jar StoreBenchmark -f 1 -wi 3 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBenchmark {
  /** The engine behind the token store and the replay guard. */
  @Param({"memory", "h2", "postgres", "redis"})
  public String store;

  private final AtomicLong counter = new AtomicLong();
  private @Nullable PostgresServer postgres;
  private @Nullable RedisServer redisServer;
  private @Nullable RedisStores redis;
  private @Nullable HikariDataSource pool;
  private ReplayGuard guard;
  private Gate cachedGate;
  private Gate uncachedGate;
  private AuthRequest bearerRequest;
  private final String prefix = "b" + System.nanoTime();

  @Setup(Level.Trial)
  public void setUp() {
    Clock clock = Clock.systemUTC();
    ApiTokenStore tokenStore;
    ReadCache cache;
    switch (store) {
      case "memory" -> {
        tokenStore = new InMemoryApiTokenStore();
        guard = new InMemoryReplayGuard(clock, 10_000_000);
        cache = ReadCache.builder().build();
      }
      case "h2", "postgres" -> {
        HikariConfig cfg = new HikariConfig();
        if (store.equals("h2")) {
          cfg.setJdbcUrl("jdbc:h2:mem:" + prefix + ";DB_CLOSE_DELAY=-1");
        } else {
          postgres = PostgresServer.create();
          postgres.start();
          cfg.setJdbcUrl(postgres.jdbcUrl());
          cfg.setUsername(postgres.user());
        }
        cfg.setMaximumPoolSize(8);
        pool = new HikariDataSource(cfg);
        JdbcStores jdbc = JdbcStores.builder(pool).clock(clock).passwordIterations(10_000).build();
        jdbc.migrate();
        tokenStore = jdbc.apiTokens();
        guard = jdbc.replayGuard();
        cache = ReadCache.builder().build();
      }
      case "redis" -> {
        redisServer = RedisServer.startNew();
        redis = RedisStores.builder().uri(redisServer.uri()).keyPrefix(prefix + ":").build();
        tokenStore = new InMemoryApiTokenStore();
        guard = redis.replayGuard();
        cache = ReadCache.builder().invalidations(redis.invalidations()).build();
      }
      default -> throw new IllegalArgumentException("unknown store " + store);
    }
    IssuedToken token = null;
    TokenService direct = tokens(tokenStore);
    for (int i = 0; i < 100; i++) {
      token = direct.admin().create("demo", "bench " + i,
          List.of(new Permission("items", Operation.READ, Set.of("key_demo_index"))), null).orElseThrow();
    }
    uncachedGate = gate(direct);
    cachedGate = gate(tokens(cache.apiTokens(tokenStore)));
    bearerRequest = AuthRequests.builder().method("GET").scheme("https").host("api.example.com").port(443)
        .rawPath("/v2/items").rawQuery("key=key_demo_index")
        .header("Authorization", "Bearer " + token.secret()).build();
    if (!(bearerCached() instanceof Outcome.Authenticated) || !(bearerUncached() instanceof Outcome.Authenticated)
        || !replayCount() || !replayNonce()) {
      throw new IllegalStateException("benchmark requests do not verify on " + store);
    }
  }

  private static TokenService tokens(ApiTokenStore tokenStore) {
    return TokenService.builder()
        .tokenStore(tokenStore)
        .accounts(InMemoryAccountStore.builder().account("demo", "demo_api_token", Set.of("key_demo_index")).build())
        .allowedScopes(Set.of("items"))
        .maxTokensPerAccount(2_000)
        .build();
  }

  private static Gate gate(TokenService tokens) {
    return Gate.builder().scheme(new BearerTokenScheme(tokens, "catalog")).requireSecure(true).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (redis != null) {
      redis.close();
    }
    if (redisServer != null) {
      redisServer.stopAndDelete();
    }
    if (pool != null) {
      pool.close();
    }
    if (postgres != null) {
      postgres.stop();
    }
  }

  /** Bearer with the engine's token store behind the read cache (a cache hit). */
  @Benchmark
  public Outcome bearerCached() {
    return cachedGate.authenticate(bearerRequest);
  }

  /** Bearer with the engine's token store read on every request. */
  @Benchmark
  public Outcome bearerUncached() {
    return uncachedGate.authenticate(bearerRequest);
  }

  /** One Digest nc-window check: a fresh nonce key per 1,000 counts, the count rising. */
  @Benchmark
  public boolean replayCount() {
    long n = counter.incrementAndGet();
    return guard.firstCount("digest:" + prefix + ":" + (n / 1_000), n, 64, Duration.ofMinutes(5));
  }

  /** One OAuth 1.0a nonce record: a fresh nonce every call. */
  @Benchmark
  public boolean replayNonce() {
    return guard.firstUse("oauth:" + prefix + ":" + counter.incrementAndGet(), Duration.ofMinutes(5));
  }
}
