package dev.portcullis.store.redis;

import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.spi.oauth1.TokenState;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OAuthTokenStore} that keeps request (temporary) tokens in Redis, so that any node can
 * approve or exchange one and each is exchanged exactly once across the fleet (RFC 5849 §2.3), and
 * passes access tokens to a durable delegate (they outlive a Redis without persistence).
 *
 * <p>A request token is one hash: its immutable part and approval ({@code v}), and the fields the
 * atomic scripts compare ({@code state}, {@code vf} verifier failures, {@code user}). {@link #save} is
 * one insert-if-absent script, {@link #compareAndSet} one compare-and-replace script (the single-use
 * exchange), {@link #revoke} one script; a sorted set indexes the tokens by end of life (spent ones
 * at 0) for {@link #purgeExpired}. Each key also carries a Redis expiry five minutes past the token's,
 * so memory stays bounded even if maintenance never runs.
 *
 * <p>{@link #find} asks the delegate first, since protected resources (the hot path) look up access
 * tokens, then Redis. Request and access token values are random and never collide; a save of one
 * kind does not look at the other kind's storage.
 *
 * <p>Fails closed: a Redis failure throws {@link StoreUnavailableException}. Thread-safe.
 */
final class RedisRequestTokenStore implements OAuthTokenStore {
  private static final Duration GRACE = Duration.ofMinutes(5);

  /** KEYS token hash, index; ARGV v, state, vf, user, score, px, token. */
  private static final Scripts SAVE = new Scripts("""
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'v', ARGV[1], 'state', ARGV[2], 'vf', ARGV[3], 'user', ARGV[4])
      redis.call('PEXPIRE', KEYS[1], ARGV[6])
      redis.call('ZADD', KEYS[2], ARGV[5], ARGV[7])
      return 1
      """);

  /** KEYS token hash, index; ARGV expected state, expected vf, v, state, vf, user, score, token. */
  private static final Scripts CAS = new Scripts("""
      if redis.call('HGET', KEYS[1], 'state') ~= ARGV[1] then return 0 end
      if redis.call('HGET', KEYS[1], 'vf') ~= ARGV[2] then return 0 end
      redis.call('HSET', KEYS[1], 'v', ARGV[3], 'state', ARGV[4], 'vf', ARGV[5], 'user', ARGV[6])
      redis.call('ZADD', KEYS[2], ARGV[7], ARGV[8])
      return 1
      """);

  /** KEYS token hash, index; ARGV user, token. */
  private static final Scripts REVOKE = new Scripts("""
      local s = redis.call('HGET', KEYS[1], 'state')
      if s ~= 'PENDING' and s ~= 'AUTHORIZED' then return 0 end
      if redis.call('HGET', KEYS[1], 'user') ~= ARGV[1] then return 0 end
      redis.call('HSET', KEYS[1], 'state', 'REVOKED')
      redis.call('ZADD', KEYS[2], 0, ARGV[2])
      return 1
      """);

  /** KEYS index; ARGV now, key prefix, batch. Deletes what ended, returns how many tokens went. */
  private static final Scripts PURGE = new Scripts("""
      local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
      local n = 0
      for _, t in ipairs(gone) do
        n = n + redis.call('DEL', ARGV[2] .. t)
        redis.call('ZREM', KEYS[1], t)
      end
      return n
      """);

  private static final int PURGE_BATCH = 1000;

  private final RedisCommands<String, String> redis;
  private final String keyPrefix;
  private final String index;
  private final Clock clock;
  private final OAuthTokenStore accessTokens;
  private final SecretProtector protector;

  RedisRequestTokenStore(StatefulRedisConnection<String, String> connection, String prefix, Clock clock,
      OAuthTokenStore accessTokens, SecretProtector protector) {
    this.redis = connection.sync();
    this.keyPrefix = prefix + "rt:";
    this.index = prefix + "rt-expiry";
    this.clock = clock;
    this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
    this.protector = Objects.requireNonNull(protector, "protector");
  }

  @Override
  public boolean save(OAuthToken token) {
    if (token.kind() != TokenKind.REQUEST) {
      return accessTokens.save(token);
    }
    long px = Math.max(0, millis(token.expiresAt()) - clock.millis()) + GRACE.toMillis();
    Long saved = SAVE.run(redis, ScriptOutputType.INTEGER, new String[] {key(token.token()), index},
        encode(token), token.state().name(), Integer.toString(token.verifierFailures()),
        nullToEmpty(token.user()), score(token), Long.toString(px), token.token());
    return saved == 1L;
  }

  @Override
  public @Nullable OAuthToken find(String token) {
    OAuthToken access = accessTokens.find(token);
    if (access != null) {
      return access;
    }
    Map<String, String> h;
    try {
      h = redis.hgetall(key(token));
    } catch (RedisException e) {
      throw RedisStores.unavailable(e);
    }
    if (h == null || h.isEmpty()) {
      return null;
    }
    return decode(token, h);
  }

  @Override
  public boolean compareAndSet(OAuthToken expected, OAuthToken updated) {
    if (!expected.token().equals(updated.token())) {
      throw new IllegalArgumentException("compareAndSet must keep the token value");
    }
    if (expected.kind() != TokenKind.REQUEST) {
      return accessTokens.compareAndSet(expected, updated);
    }
    if (updated.kind() != TokenKind.REQUEST) {
      throw new IllegalArgumentException("a request token stays a request token");
    }
    Long done = CAS.run(redis, ScriptOutputType.INTEGER, new String[] {key(updated.token()), index},
        expected.state().name(), Integer.toString(expected.verifierFailures()),
        encode(updated), updated.state().name(), Integer.toString(updated.verifierFailures()),
        nullToEmpty(updated.user()), score(updated), updated.token());
    return done == 1L;
  }

  @Override
  public List<OAuthToken> accessTokens(String user) {
    return accessTokens.accessTokens(user);
  }

  @Override
  public boolean revoke(String token, String user) {
    if (accessTokens.revoke(token, user)) {
      return true;
    }
    Long done = REVOKE.run(redis, ScriptOutputType.INTEGER, new String[] {key(token), index}, user, token);
    return done == 1L;
  }

  @Override
  public int purgeExpired(Instant now) {
    int removed = accessTokens.purgeExpired(now);
    for (;;) {
      Long n = PURGE.run(redis, ScriptOutputType.INTEGER, new String[] {index},
          Long.toString(now.toEpochMilli()), keyPrefix, Integer.toString(PURGE_BATCH));
      removed += n.intValue();
      if (n < PURGE_BATCH) {
        return removed;
      }
    }
  }

  private String key(String token) {
    return keyPrefix + token;
  }

  /** Spent tokens index at 0, so the next purge forgets them; live ones at their end of life. */
  private static String score(OAuthToken t) {
    boolean spent = t.state() == TokenState.USED || t.state() == TokenState.REVOKED;
    return spent ? "0" : Long.toString(millis(t.expiresAt()));
  }

  private static long millis(@Nullable Instant at) {
    return at == null ? Long.MAX_VALUE / 2 : at.toEpochMilli();
  }

  private static String nullToEmpty(@Nullable String s) {
    return s == null ? "" : s;
  }

  // The immutable part and the approval, as dot-separated fields: "-" for null, else "=" and the
  // base64url of the UTF-8 text (the secret is its sealed bytes, never the plain secret).
  private static String encode(OAuthToken t) {
    return String.join(".",
        "=" + Base64.getUrlEncoder().withoutPadding().encodeToString(t.secret().sealed()),
        field(t.consumerKey()), field(t.callback()), field(t.user()), field(t.account()),
        field(t.verifierHash()), field(t.createdAt().toString()),
        field(t.expiresAt() == null ? null : t.expiresAt().toString()));
  }

  private OAuthToken decode(String token, Map<String, String> h) {
    try {
      String[] f = h.get("v").split("\\.", -1);
      if (f.length != 8) {
        throw new IllegalArgumentException("8 fields expected");
      }
      byte[] sealed = Base64.getUrlDecoder().decode(f[0].substring(1));
      String expires = unfield(f[7]);
      return new OAuthToken(token, ProtectedSecret.ofSealed(sealed, protector), TokenKind.REQUEST,
          Objects.requireNonNull(unfield(f[1])), unfield(f[2]), unfield(f[3]), unfield(f[4]),
          unfield(f[5]), Instant.parse(Objects.requireNonNull(unfield(f[6]))),
          expires == null ? null : Instant.parse(expires),
          TokenState.valueOf(h.get("state")), Integer.parseInt(h.get("vf")));
    } catch (RuntimeException e) {
      // someone else's data under our prefix, or a half-written key: an outage, not "not found"
      throw new StoreUnavailableException("unreadable request token record in Redis", e);
    }
  }

  private static String field(@Nullable String s) {
    return s == null ? "-" : "=" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static @Nullable String unfield(String f) {
    if (f.equals("-")) {
      return null;
    }
    if (!f.startsWith("=")) {
      throw new IllegalArgumentException("bad field");
    }
    return new String(Base64.getUrlDecoder().decode(f.substring(1)), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "RedisRequestTokenStore[" + keyPrefix + ", access tokens in " + accessTokens + "]";
  }
}
