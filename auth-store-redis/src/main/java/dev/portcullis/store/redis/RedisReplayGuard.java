package dev.portcullis.store.redis;

import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.StoreUnavailableException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;

/**
 * A {@link ReplayGuard} in Redis, shared by every node: a value used on one node is refused on all.
 *
 * <p>{@link #firstUse} is one {@code SET key expiry NX PX ttl}: atomic in Redis, one round trip on
 * the usual path (a fresh nonce). The value is the key's end of life on the store's clock; only when
 * the key exists does a second, atomic script look at it, so that a key whose lifetime ended on the
 * clock (but that Redis has not dropped yet) is taken over rather than refused, as the
 * {@link ReplayGuard} contract asks. {@link #firstCount} is one Lua script per call (Digest's nc
 * window, RFC 7616 §3.4): a hash per nonce with the highest count, the counts seen inside the window,
 * and the end of life, so out-of-order counts inside the window pass once and counts below it are
 * refused. Redis drops every key by itself ({@code PX}/{@code PEXPIRE}), so nothing needs a purge.
 *
 * <p>Fails closed: an unreachable or slow Redis throws {@link StoreUnavailableException} (503),
 * never {@code true} (an accepted replay) nor {@code false}. Thread-safe.
 */
final class RedisReplayGuard implements ReplayGuard {
  /** KEYS[1] key; ARGV now, expiry, ttl ms. Takes over a key whose life on the clock ended. */
  private static final Scripts TAKE_OVER = new Scripts("""
      local v = redis.call('GET', KEYS[1])
      if v and tonumber(v) > tonumber(ARGV[1]) then return 0 end
      redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
      return 1
      """);

  /**
   * KEYS[1] the window's hash; ARGV count, window, now, expiry, ttl ms. Fields: e (end of life on
   * the clock), h (highest count), and one field per count seen within the window.
   */
  private static final Scripts COUNT = new Scripts("""
      local k = KEYS[1]
      local count = tonumber(ARGV[1])
      local w = tonumber(ARGV[2])
      local e = redis.call('HGET', k, 'e')
      if (not e) or tonumber(e) <= tonumber(ARGV[3]) then
        redis.call('DEL', k)
        redis.call('HSET', k, 'e', ARGV[4], 'h', 0)
        redis.call('PEXPIRE', k, ARGV[5])
      end
      local h = tonumber(redis.call('HGET', k, 'h'))
      if count > h then
        local first = math.max(h - w + 1, 1)
        local last = math.min(h, count - w)
        for c = first, last do redis.call('HDEL', k, string.format('%d', c)) end
        redis.call('HSET', k, 'h', ARGV[1], ARGV[1], 1)
        return 1
      end
      if count <= h - w then return 0 end
      return redis.call('HSETNX', k, ARGV[1], 1)
      """);

  private final RedisCommands<String, String> redis;
  private final String usePrefix;
  private final String countPrefix;
  private final Clock clock;

  RedisReplayGuard(StatefulRedisConnection<String, String> connection, String prefix, Clock clock) {
    this.redis = connection.sync();
    this.usePrefix = prefix + "use:";
    this.countPrefix = prefix + "nc:";
    this.clock = clock;
  }

  @Override
  public boolean firstUse(String key, Duration ttl) {
    long ttlMs = Math.max(1, ttl.toMillis());
    long now = clock.millis();
    String k = usePrefix + key;
    String expiry = Long.toString(now + ttlMs);
    String set;
    try {
      set = redis.set(k, expiry, SetArgs.Builder.nx().px(ttlMs));
    } catch (RedisException e) {
      throw RedisStores.unavailable(e);
    }
    if ("OK".equals(set)) {
      return true;
    }
    Long took = TAKE_OVER.run(redis, ScriptOutputType.INTEGER, new String[] {k},
        Long.toString(now), expiry, Long.toString(ttlMs));
    return took == 1L;
  }

  @Override
  public boolean firstCount(String key, long count, int window, Duration ttl) {
    if (count < 1 || window < 1) {
      throw new IllegalArgumentException("count and window must be positive");
    }
    long ttlMs = Math.max(1, ttl.toMillis());
    long now = clock.millis();
    Long fresh = COUNT.run(redis, ScriptOutputType.INTEGER, new String[] {countPrefix + key},
        Long.toString(count), Integer.toString(window), Long.toString(now),
        Long.toString(now + ttlMs), Long.toString(ttlMs));
    return fresh == 1L;
  }

  @Override
  public String toString() {
    return "RedisReplayGuard[" + usePrefix + "]";
  }
}
