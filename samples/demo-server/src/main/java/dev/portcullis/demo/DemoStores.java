package dev.portcullis.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.memory.InMemoryApplicationRegistry;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryCredentialOwners;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.oauth1.provider.InMemoryUserDirectory;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.StoreMaintenance;
import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.PublicApp;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import dev.portcullis.store.cache.ReadCache;
import dev.portcullis.store.jdbc.JdbcStores;
import dev.portcullis.store.redis.RedisStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The stores the demo APIs run on: in memory ({@code --store memory}), an H2 file database in the
 * data directory (the default), or PostgreSQL ({@code --jdbc-url}); with {@code --redis URL}, what
 * several nodes must share to refuse a replay moves to that Redis: the replay guard and Digest nc
 * window, the OAuth request tokens, the failure counters, and the broadcast that keeps the
 * node-local read caches honest.
 *
 * <p>On a database every lookup a request makes (API token, the account behind it, Digest HA1,
 * application, OAuth consumer and access token, "no failures on record") goes through one node-local
 * {@link ReadCache} with its default 1 s TTL. With Redis its invalidations reach every node at once;
 * without, another node sees a revocation or a disabled key within that second. So a verified
 * Bearer or Basic request makes no round trip most of the time, and a Digest or OAuth request the
 * one that must be shared: its nc window, or its nonce.
 *
 * <p>Each API asks for its stores with its seed data. In memory the seed fills new stores. On a
 * database each seed row is inserted only if absent, so the first start seeds and later starts (of
 * this node or another) change nothing: a token created, a consumer minted or a key disabled stays as
 * it is. The JDBC stores run their expiry purges on one maintenance thread, closed with the pool.
 * Thread-safe once built.
 */
public final class DemoStores implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoStores.class);
  /** The H2 database's base name in the data directory ({@code portcullis.mv.db}). */
  public static final String H2_NAME = "portcullis";
  private static final Set<DigestAlgorithm> DIGEST_ALGORITHMS =
      EnumSet.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512_256);

  private final Clock clock;
  private final DemoKeys keys;
  private final String description;
  private final @Nullable JdbcStores jdbc;
  private final @Nullable HikariDataSource pool;
  private final @Nullable StoreMaintenance maintenance;
  private final SecretProtector protector;
  private final @Nullable RedisStores redis;
  private final @Nullable ReadCache cache;
  private final ApiTokenStore apiTokens;
  private final OAuthTokenStore oauthTokens;
  private final AttemptLimiter attemptLimiter;

  private DemoStores(Clock clock, DemoKeys keys, String description, @Nullable HikariDataSource pool,
      SecretProtector protector, @Nullable String redisUri) {
    this.clock = clock;
    this.keys = keys;
    this.pool = pool;
    this.protector = protector;
    if (redisUri == null) {
      this.redis = null;
      // without a broadcast the TTL alone bounds what another node may still answer from its cache
      this.cache = pool != null ? ReadCache.builder().build() : null;
      this.description = description;
    } else {
      this.redis = RedisStores.builder().uri(redisUri).clock(clock).build();
      this.cache = ReadCache.builder().invalidations(redis.invalidations()).build();
      this.description = description + ", replay state in redis"; // the URI may carry a password
    }
    if (pool != null) {
      JdbcStores s = JdbcStores.builder(pool).clock(clock).secretProtector(protector).build();
      s.migrate();
      this.jdbc = s;
      this.maintenance = StoreMaintenance.every(Duration.ofSeconds(5));
      maintenance.register(s.oauthTokens(), clock);
      maintenance.register(s.replayGuard(), clock);
      maintenance.register(s.attemptLimiter(), clock);
    } else {
      this.jdbc = null;
      this.maintenance = null;
    }
    ApiTokenStore tokens = jdbc != null ? jdbc.apiTokens() : new InMemoryApiTokenStore();
    this.apiTokens = cache != null ? cache.apiTokens(tokens) : tokens;
    // access tokens behind the read cache (request tokens are always read fresh)
    OAuthTokenStore oauth = jdbc != null ? cached().oauthTokens(jdbc.oauthTokens()) : new InMemoryOAuthTokenStore();
    // request tokens single-use across the fleet in Redis; access tokens stay in the durable store
    this.oauthTokens = redis != null ? redis.requestTokens(oauth, protector) : oauth;
    if (redis != null) {
      this.attemptLimiter = cached().attemptLimiter(redis.attemptLimiter());
    } else if (jdbc != null) {
      this.attemptLimiter = cached().attemptLimiter(jdbc.attemptLimiter());
    } else {
      this.attemptLimiter = new InMemoryAttemptLimiter(clock, InMemoryAttemptLimiter.DEFAULT_CELLS_PER_ROW);
    }
  }

  /** The stores {@code settings} asks for; a database is migrated before this returns. */
  static DemoStores open(DemoSettings settings) {
    switch (settings.store()) {
      case MEMORY:
        return new DemoStores(settings.clock(), keys(settings, null), "memory (lost on stop)", null,
            SecretProtector.none(), settings.redis());
      case H2: {
        Path dir = settings.dataDir().toAbsolutePath().normalize();
        try {
          Files.createDirectories(dir);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
        DemoKeys keys = keys(settings, dir);
        HikariConfig cfg = poolConfig(settings.nodeName());
        // WRITE_DELAY=0: H2 otherwise hands commits to the file up to a second late, and a kill -9 in
        // that second loses a token the client was already given (the OS still buffers: a power cut
        // can lose the last commits). A file lock keeps a second process off the same files.
        cfg.setJdbcUrl("jdbc:h2:file:" + dir.resolve(H2_NAME) + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        cfg.setUsername("sa");
        cfg.setPassword("");
        return new DemoStores(settings.clock(), keys, "h2 " + dir, new HikariDataSource(cfg), aes(keys), settings.redis());
      }
      case JDBC: {
        DemoKeys keys = keys(settings, settings.dataDir().toAbsolutePath().normalize());
        String[][] envs = {{DemoKeys.DIGEST_NONCE_KEYS_ENV, DemoKeys.DIGEST_NONCE_ENV},
            {DemoKeys.CSRF_KEYS_ENV, DemoKeys.CSRF_ENV}, {DemoKeys.SECRET_KEYS_ENV, DemoKeys.SECRET_ENV}};
        for (String[] env : envs) {
          if (settings.keys() == null && !DemoKeys.inEnvironment(env[0], env[1], System::getenv)) {
            // a second node with its own data directory would sign with other keys: say so at start
            LOG.warn("[{}] {} is not set: the keys come from {}; every node on this database needs the same ones",
                settings.nodeName(), env[0], settings.dataDir().resolve(DemoKeys.FILE));
          }
        }
        HikariConfig cfg = poolConfig(settings.nodeName());
        cfg.setJdbcUrl(settings.jdbcUrl());
        if (settings.jdbcUser() != null) {
          cfg.setUsername(settings.jdbcUser());
        }
        if (settings.jdbcPassword() != null) {
          cfg.setPassword(settings.jdbcPassword());
        }
        String url = settings.jdbcUrl();
        int q = url == null ? -1 : url.indexOf('?');
        // the URL's query may carry a password: only its address is described
        return new DemoStores(settings.clock(), keys, "jdbc " + (q < 0 ? url : url.substring(0, q)),
            new HikariDataSource(cfg), aes(keys), settings.redis());
      }
      default:
        throw new IllegalStateException("unknown store " + settings.store());
    }
  }

  private static HikariConfig poolConfig(String node) {
    HikariConfig cfg = new HikariConfig();
    cfg.setPoolName("portcullis-" + node);
    cfg.setMaximumPoolSize(16);
    // fail a request with 503 within 2 s when the database is gone, rather than hang it
    cfg.setConnectionTimeout(2_000);
    cfg.setInitializationFailTimeout(10_000);
    return cfg;
  }

  private static SecretProtector aes(DemoKeys keys) {
    // the ring's current key seals; older keys still open what they sealed until they are removed
    return SecretProtector.aesGcm(keys.secretSealing());
  }

  /** The keys the settings carry (tests, embedders), else the environment's or the data directory's. */
  private static DemoKeys keys(DemoSettings settings, @Nullable Path dir) {
    DemoKeys keys = settings.keys() != null ? settings.keys() : DemoKeys.load(dir);
    // ids only, never a key: which keys sign now and which still verify, for the operator mid-rotation
    LOG.info("[{}] keys: {}", settings.nodeName(), keys);
    return keys;
  }

  /** The shared keys. */
  public DemoKeys keys() {
    return keys;
  }

  /** How secrets are sealed at rest (AES-GCM on a database, none in memory). */
  public SecretProtector secretProtector() {
    return protector;
  }

  /** What the stores are, for the start-up log line (no password). */
  public String description() {
    return description;
  }

  /** Whether the stores outlive the process. */
  public boolean durable() {
    return jdbc != null;
  }

  /** Generated API tokens (behind the node-local read cache on a database). */
  public ApiTokenStore apiTokens() {
    return apiTokens;
  }

  /** The read cache, which every database-backed or Redis-backed store has. */
  private ReadCache cached() {
    if (cache == null) {
      throw new IllegalStateException("no read cache without a database or Redis");
    }
    return cache;
  }

  /** Accounts, seeded with {@code seed} (id, its own API token, its API keys). */
  public AccountStore accounts(List<SeedAccount> seed) {
    if (jdbc == null) {
      InMemoryAccountStore.Builder b = InMemoryAccountStore.builder();
      seed.forEach(a -> b.account(a.id(), a.apiToken(), a.apiKeys()));
      return b.build();
    }
    for (SeedAccount a : seed) {
      jdbc.accounts().addIfAbsent(new Account(a.id(), a.apiKeys()), InMemoryAccountStore.sha256(a.apiToken()));
    }
    return cached().accounts(jdbc.accounts());
  }

  /** Digest HA1s in {@code realm} for MD5, SHA-256 and SHA-512-256, seeded from username -> password. */
  public DigestCredentialStore digestCredentials(String realm, Map<String, String> seed) {
    if (jdbc == null) {
      InMemoryDigestCredentialStore.Builder b = InMemoryDigestCredentialStore.builder().realm(realm);
      seed.forEach((user, password) -> b.user(user, password.toCharArray()));
      return b.build();
    }
    seed.forEach((user, password) -> {
      if (!jdbc.digestCredentials().contains(user, realm)) {
        jdbc.digestCredentials().put(user, realm, DIGEST_ALGORITHMS, password.toCharArray());
      }
    });
    return cached().digestCredentials(jdbc.digestCredentials());
  }

  /** Applications (API keys), seeded. */
  public ApplicationRegistry applications(List<Application> seed) {
    if (jdbc == null) {
      InMemoryApplicationRegistry r = new InMemoryApplicationRegistry();
      seed.forEach(r::register);
      return r;
    }
    seed.forEach(jdbc.applications()::addIfAbsent);
    // the console disables and registers through this, so its changes drop the entry on every node
    return cached().applications(jdbc.applications());
  }

  /** OAuth consumers, seeded (their secrets sealed with {@link #secretProtector()}). */
  public ConsumerStore consumers(List<Consumer> seed) {
    ConsumerStore store = jdbc != null ? jdbc.consumers() : new InMemoryConsumerStore();
    seed.forEach(store::addIfAbsent);
    return jdbc != null ? cached().consumers(store) : store;
  }

  /** OAuth request and access tokens (request tokens in Redis when it is given). */
  public OAuthTokenStore oauthTokens() {
    return oauthTokens;
  }

  /**
   * A replay guard: the shared Redis one when given, else one shared table on a database, else a new
   * bounded one per caller in memory.
   */
  public ReplayGuard replayGuard() {
    if (redis != null) {
      return redis.replayGuard();
    }
    return jdbc != null ? jdbc.replayGuard() : new InMemoryReplayGuard(clock, 1_000_000);
  }

  /**
   * Where failed attempts are counted: Redis when given, else the database, else this process, so
   * that with a shared store every node throttles the same attacker.
   */
  public AttemptLimiter attemptLimiter() {
    return attemptLimiter;
  }

  /** The authorize page's users, seeded from username -> password (the user id is the username). */
  public UserDirectory users(Map<String, String> seed) {
    if (jdbc == null) {
      InMemoryUserDirectory.Builder b = InMemoryUserDirectory.builder();
      seed.forEach((user, password) -> b.user(user, password.toCharArray()));
      return b.build();
    }
    seed.forEach((user, password) -> jdbc.users().addIfAbsent(user, user, password.toCharArray()));
    return jdbc.users();
  }

  /** Public apps, seeded. */
  public PublicAppRegistry publicApps(List<PublicApp> seed) {
    if (jdbc == null) {
      return PublicAppRegistry.of(seed);
    }
    seed.forEach(jdbc.publicApps()::addIfAbsent);
    return jdbc.publicApps();
  }

  /**
   * Which account owns which API key and OAuth application (the console's record, and the public-app
   * registry of the applications registered through it): on the database when there is one, so a
   * restart or another node still lists what a user created; in memory otherwise. {@code seed}
   * (account -> API keys) is claimed if not owned yet, so later starts change nothing.
   */
  public CredentialOwners credentialOwners(Map<String, Set<String>> seed) {
    CredentialOwners owners = jdbc != null ? jdbc.credentialOwners() : new InMemoryCredentialOwners();
    // a false claim on a later start is the seed already being there
    seed.forEach((account, apiKeys) -> apiKeys.forEach(key -> owners.claimApiKey(account, key)));
    return owners;
  }

  /** Stops maintenance, closes Redis and the pool (H2 then closes its files). */
  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
    if (maintenance != null) {
      maintenance.close();
    }
    if (pool != null) {
      pool.close();
    }
  }

  @Override
  public String toString() {
    return "DemoStores[" + description + "]";
  }

  /**
   * A demo account: its id, its own API token (published demo credential; only its SHA-256 is
   * stored) and its API keys.
   */
  public record SeedAccount(String id, String apiToken, Set<String> apiKeys) {
    @Override
    public String toString() {
      return "SeedAccount[" + id + "]";
    }
  }
}
