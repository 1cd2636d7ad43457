package dev.portcullis.store.cache;

import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A node-local read cache (Caffeine) in front of the lookups every authenticated request makes: an
 * API token by id and the account behind it, a Digest user's HA1 and userhash and the application
 * its API key names, an OAuth consumer by key and an access token by value, and the attempt
 * limiter's "no failures on record". With it the hot path makes no network round trip for them most
 * of the time: what is left is the one round trip that must be shared (a Digest nc window, an OAuth
 * nonce).
 *
 * <p>Three rules keep it honest across a fleet:
 * <ul>
 *   <li>Entries live a short TTL (default 1 s), so a change made anywhere, even straight in the
 *       database, is seen on every node within it; size is bounded (default 100,000 per store).
 *   <li>A write through a cached store (revoke, save, remove) drops the entry on this node at once
 *       and publishes an {@link Invalidation} on the {@link Invalidations} channel, which drops it on
 *       every node at once (Redis pub/sub; {@link Invalidations#local()} without one).
 *   <li>"Not found" is not cached unless {@link Builder#negativeTtl} says so: a token or consumer
 *       created on node A must work on node B at once, and B may have looked it up a moment before
 *       (a client retrying). When negatives are cached, the creating write's invalidation drops them.
 * </ul>
 *
 * <p>Outages are never cached: a lookup that throws
 * {@link dev.portcullis.core.spi.StoreUnavailableException} stores nothing, and a cached entry is
 * served only within its TTL, so a revoked token cannot outlive an outage for longer than that.
 *
 * <pre>{@code
 * ReadCache cache = ReadCache.builder().invalidations(redis.invalidations()).build();
 * ApiTokenStore tokens = cache.apiTokens(jdbcTokens);
 * }</pre>
 *
 * <p>Thread-safe; the decorators it makes are thread-safe when their delegates are.
 */
public final class ReadCache {
  final Duration ttl;
  final Duration negativeTtl;
  final long maximumSize;
  final Invalidations invalidations;
  /** The tests' clock; null for the monotonic system ticker (a wall clock may step back). */
  final @Nullable Clock clock;

  private ReadCache(Builder b) {
    ttl = b.ttl;
    negativeTtl = b.negativeTtl;
    maximumSize = b.maximumSize;
    invalidations = b.invalidations != null ? b.invalidations : Invalidations.local();
    clock = b.clockSet ? b.clock : null;
  }

  /** A builder with the defaults: TTL 1 s, no negative caching, 100,000 entries, a local channel. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code store} with {@link ApiTokenStore#find} cached; writes pass through and invalidate. */
  public ApiTokenStore apiTokens(ApiTokenStore store) {
    return new CachingApiTokenStore(Objects.requireNonNull(store, "store"), this);
  }

  /**
   * {@code store} with both lookups cached. The SPI has no writes: after changing a user's
   * credentials, publish {@code new Invalidation(Kind.DIGEST_USER, username)} on the channel.
   */
  public DigestCredentialStore digestCredentials(DigestCredentialStore store) {
    return new CachingDigestCredentialStore(Objects.requireNonNull(store, "store"), this);
  }

  /** {@code store} with {@link ConsumerStore#find} cached; writes pass through and invalidate. */
  public ConsumerStore consumers(ConsumerStore store) {
    return new CachingConsumerStore(Objects.requireNonNull(store, "store"), this);
  }

  /**
   * {@code store} with {@link OAuthTokenStore#find} cached for access tokens; request tokens, whose
   * state moves between nodes, and "not found" are always read from the store. Every write passes
   * through and invalidates on every node, so a revoked access token is refused everywhere at once
   * with a broadcast and within the TTL without.
   */
  public OAuthTokenStore oauthTokens(OAuthTokenStore store) {
    return new CachingOAuthTokenStore(Objects.requireNonNull(store, "store"), this);
  }

  /**
   * {@code store} with both account lookups cached. The SPI has no writes: after changing an
   * account, publish {@code new Invalidation(Kind.ACCOUNT, accountId)} on the channel.
   */
  public AccountStore accounts(AccountStore store) {
    return new CachingAccountStore(Objects.requireNonNull(store, "store"), this);
  }

  /**
   * {@code registry} with {@link ApplicationRegistry#find} cached; registering, disabling and
   * enabling pass through and invalidate on every node.
   */
  public ApplicationRegistry applications(ApplicationRegistry registry) {
    return new CachingApplicationRegistry(Objects.requireNonNull(registry, "registry"), this);
  }

  /**
   * {@code limiter} with its "no failures on record" answers cached, so that a client with a clean
   * record costs no round trip before its credentials are verified; any failure is always read
   * from the limiter. A failure recorded through one node's cache stops every node answering clean
   * for that pair, identifier and address at once through the channel; without a broadcast, a node
   * may verify one more guess per in-flight request for up to the TTL after failures recorded
   * elsewhere (see {@link Invalidation.Kind#ATTEMPT_FAILED}). Counting, expiry and resets are the
   * limiter's, unchanged.
   */
  public AttemptLimiter attemptLimiter(AttemptLimiter limiter) {
    return new CachingAttemptLimiter(Objects.requireNonNull(limiter, "limiter"), this);
  }

  /** The channel the caches listen and publish on. */
  public Invalidations invalidations() {
    return invalidations;
  }

  /** Settings for a {@link ReadCache}; each may be given once. */
  public static final class Builder {
    private Duration ttl = Duration.ofSeconds(1);
    private Duration negativeTtl = Duration.ZERO;
    private long maximumSize = 100_000;
    private @Nullable Invalidations invalidations;
    private Clock clock = Clock.systemUTC();
    private boolean ttlSet;
    private boolean negativeSet;
    private boolean sizeSet;
    private boolean clockSet;

    private Builder() {}

    /**
     * How long a found entry is served without asking the store (default 1 s): the longest a change
     * made without an invalidation (straight in the database, or while the channel is down) goes
     * unseen.
     */
    public Builder ttl(Duration ttl) {
      requireState(!ttlSet, "ttl");
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive");
      }
      this.ttl = ttl;
      ttlSet = true;
      return this;
    }

    /**
     * How long "not found" is remembered (default zero: never). Above zero it spares the store a
     * flood of lookups for ids that do not exist, at the price that a creation made without an
     * invalidation is refused elsewhere for up to this long. At most the {@link #ttl}.
     */
    public Builder negativeTtl(Duration negativeTtl) {
      requireState(!negativeSet, "negativeTtl");
      if (negativeTtl.isNegative()) {
        throw new IllegalArgumentException("negativeTtl must not be negative");
      }
      this.negativeTtl = negativeTtl;
      negativeSet = true;
      return this;
    }

    /** The most entries each cached store holds (default 100,000). */
    public Builder maximumSize(long maximumSize) {
      requireState(!sizeSet, "maximumSize");
      if (maximumSize < 1) {
        throw new IllegalArgumentException("maximumSize must be positive");
      }
      this.maximumSize = maximumSize;
      sizeSet = true;
      return this;
    }

    /** The broadcast channel (default {@link Invalidations#local()}). */
    public Builder invalidations(Invalidations invalidations) {
      requireState(this.invalidations == null, "invalidations");
      this.invalidations = Objects.requireNonNull(invalidations, "invalidations");
      return this;
    }

    /**
     * The time source of the TTLs, for tests that move it forward. By default the TTLs run on
     * {@link System#nanoTime}, which never steps back as a wall clock may after an NTP correction
     * (that would stretch a revoked entry's life).
     */
    public Builder clock(Clock clock) {
      requireState(!clockSet, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /**
     * The cache.
     *
     * @throws IllegalArgumentException if the negative TTL is longer than the TTL
     */
    public ReadCache build() {
      if (negativeTtl.compareTo(ttl) > 0) {
        throw new IllegalArgumentException("negativeTtl must not exceed ttl");
      }
      return new ReadCache(this);
    }

    private static void requireState(boolean ok, String setting) {
      if (!ok) {
        throw new IllegalStateException(setting + " was already set");
      }
    }
  }
}
