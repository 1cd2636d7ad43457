package dev.portcullis.store.jdbc;

import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC stores over one {@link DataSource}: PostgreSQL 15+ in production, H2 2.x embedded.
 *
 * <p>All tables carry one prefix ({@code portcullis_} by default) and live in the connection's
 * current schema (PostgreSQL: set {@code currentSchema} in the JDBC URL to use another).
 * {@link #migrate()} creates or upgrades them with Flyway, which records its history in
 * {@code <prefix>schema_history}; a team that runs its own migrations can copy
 * {@code db/migration/portcullis} from this jar instead, replacing {@code ${prefix}}.
 *
 * <pre>{@code
 * HikariDataSource ds = new HikariDataSource(config);
 * JdbcStores stores = JdbcStores.builder(ds).secretProtector(SecretProtector.aesGcm(key)).build();
 * stores.migrate();
 * TokenService tokens = TokenService.builder().store(stores.apiTokens()).build();
 * maintenance.register(stores.oauthTokens(), clock);
 * maintenance.register(stores.replayGuard(), clock);
 * maintenance.register(stores.attemptLimiter(), clock);
 * }</pre>
 *
 * <p>Each accessor returns the same store every time. Every store method is one short transaction
 * or one statement; an unreachable database makes it throw {@link StoreUnavailableException}, and
 * it works again, without being rebuilt, once the pool reconnects. Thread-safe.
 */
public final class JdbcStores {
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");

  private final DataSource dataSource;
  private final String prefix;
  private final Sql sql;
  private final JdbcApiTokenStore apiTokens;
  private final JdbcAccountStore accounts;
  private final JdbcApplicationRegistry applications;
  private final JdbcDigestCredentialStore digestCredentials;
  private final JdbcConsumerStore consumers;
  private final JdbcOAuthTokenStore oauthTokens;
  private final JdbcPublicAppRegistry publicApps;
  private final JdbcCredentialOwners credentialOwners;
  private final JdbcUserDirectory users;
  private final JdbcReplayGuard replayGuard;
  private final JdbcAttemptLimiter attemptLimiter;

  private JdbcStores(Builder b) {
    this.dataSource = b.dataSource;
    this.prefix = b.prefix == null ? "portcullis_" : b.prefix;
    Clock clock = b.clock == null ? Clock.systemUTC() : b.clock;
    SecretProtector protector = b.protector == null ? SecretProtector.none() : b.protector;
    this.sql = new Sql(dataSource, prefix);
    this.apiTokens = new JdbcApiTokenStore(sql);
    this.accounts = new JdbcAccountStore(sql);
    this.applications = new JdbcApplicationRegistry(sql);
    this.digestCredentials = new JdbcDigestCredentialStore(sql);
    this.consumers = new JdbcConsumerStore(sql, protector);
    this.oauthTokens = new JdbcOAuthTokenStore(sql, protector);
    this.publicApps = new JdbcPublicAppRegistry(sql);
    this.credentialOwners = new JdbcCredentialOwners(sql);
    this.users = new JdbcUserDirectory(sql, b.passwordIterations);
    this.replayGuard = new JdbcReplayGuard(sql, clock);
    this.attemptLimiter = new JdbcAttemptLimiter(sql, clock);
  }

  /** A builder over {@code dataSource} (a pool such as HikariCP; the stores never close it). */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Creates or upgrades the tables (Flyway, versioned migrations); safe to run on every start and
   * from several nodes at once (Flyway takes a lock).
   *
   * @return how many migrations ran now
   * @throws StoreUnavailableException if the database cannot be reached or a migration fails
   */
  public int migrate() {
    try {
      return Flyway.configure(JdbcStores.class.getClassLoader())
          .dataSource(dataSource)
          .resourceProvider(new Migrations())
          .table(prefix + "schema_history")
          .placeholders(Map.of("prefix", prefix))
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate()
          .migrationsExecuted;
    } catch (FlywayException e) {
      // Flyway messages name tables and statements, never bound secrets; keep them for the operator.
      throw new StoreUnavailableException("schema migration failed: " + e.getMessage(), e);
    }
  }

  /** The table prefix in use. */
  public String tablePrefix() {
    return prefix;
  }

  /** API tokens (hashes), with the per-account limit enforced in one transaction. */
  public JdbcApiTokenStore apiTokens() {
    return apiTokens;
  }

  /** Accounts and their API keys, found by the hash of their own API token. */
  public JdbcAccountStore accounts() {
    return accounts;
  }

  /** Applications (API keys) and whether each is enabled. */
  public JdbcApplicationRegistry applications() {
    return applications;
  }

  /** Digest HA1 values per algorithm and the userhash index. */
  public JdbcDigestCredentialStore digestCredentials() {
    return digestCredentials;
  }

  /** OAuth consumers with sealed secrets. */
  public JdbcConsumerStore consumers() {
    return consumers;
  }

  /** OAuth request and access tokens; register it with a {@code StoreMaintenance}. */
  public JdbcOAuthTokenStore oauthTokens() {
    return oauthTokens;
  }

  /** Public apps for the {@code authorize_app} flow. */
  public JdbcPublicAppRegistry publicApps() {
    return publicApps;
  }

  /**
   * Which account owns which API key and OAuth application, with each application's App ID (also a
   * public-app registry over the claimed applications).
   */
  public JdbcCredentialOwners credentialOwners() {
    return credentialOwners;
  }

  /** The authorize page's users (PBKDF2 password hashes). */
  public JdbcUserDirectory users() {
    return users;
  }

  /** A replay guard with a Digest nc window; register it with a {@code StoreMaintenance}. */
  public JdbcReplayGuard replayGuard() {
    return replayGuard;
  }

  /** Failed-attempt counters shared by every node; register it with a {@code StoreMaintenance}. */
  public JdbcAttemptLimiter attemptLimiter() {
    return attemptLimiter;
  }

  @Override
  public String toString() {
    return "JdbcStores[prefix=" + prefix + "]";
  }

  /** Builds {@link JdbcStores}; each setting may be given once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable String prefix;
    private @Nullable Clock clock;
    private @Nullable SecretProtector protector;
    private int passwordIterations = 210_000;
    private boolean iterationsSet;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The prefix of every table name: a lower-case letter, then up to 29 lower-case letters,
     * digits or underscores. Default {@code portcullis_}.
     *
     * @throws IllegalArgumentException if the prefix is not of that shape
     * @throws IllegalStateException if given twice
     */
    public Builder tablePrefix(String prefix) {
      requireState(this.prefix == null, "tablePrefix");
      if (!PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException("table prefix must match " + PREFIX.pattern());
      }
      this.prefix = prefix;
      return this;
    }

    /** The clock the replay guard reads (default: system UTC). @throws IllegalStateException if given twice */
    public Builder clock(Clock clock) {
      requireState(this.clock == null, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Seals consumer and token secrets at rest (default: {@link SecretProtector#none()}). Every node
     * must use the same key, or it cannot open what another node stored.
     *
     * @throws IllegalStateException if given twice
     */
    public Builder secretProtector(SecretProtector protector) {
      requireState(this.protector == null, "secretProtector");
      this.protector = Objects.requireNonNull(protector, "protector");
      return this;
    }

    /**
     * PBKDF2 iterations for passwords added through {@link JdbcUserDirectory#addUser} (default 210,000).
     *
     * @throws IllegalStateException if given twice
     */
    public Builder passwordIterations(int iterations) {
      requireState(!iterationsSet, "passwordIterations");
      this.passwordIterations = iterations;
      this.iterationsSet = true;
      return this;
    }

    public JdbcStores build() {
      return new JdbcStores(this);
    }

    private static void requireState(boolean ok, String setting) {
      if (!ok) {
        throw new IllegalStateException(setting + " was already set");
      }
    }
  }
}
