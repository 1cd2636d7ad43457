package dev.portcullis.store.redis;

import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptCounts.Counter;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * An {@link AttemptLimiter} in Redis, so failed attempts count across every node: a guesser who
 * spreads his tries over the fleet meets one set of counters.
 *
 * <p>Each counter is a small hash (failures, end of window on the store's clock) with a Redis expiry
 * of its window, so the store is bounded by the windows: a flood of fresh keys costs memory only
 * for as long as its windows, and never touches another key's counter. {@link #recordFailure} is
 * one Lua script (increment and {@code PEXPIRE} of every counter of the attempt, atomically),
 * {@link #counts} one read script, {@link #reset} one {@code DEL}.
 *
 * <p>Keys are built from base64url parts, so an attacker-chosen identifier with separators in it
 * cannot name another key's counter. Fails closed: a Redis failure throws
 * {@link dev.portcullis.core.spi.StoreUnavailableException}, never "no failures". Thread-safe.
 */
final class RedisAttemptLimiter implements AttemptLimiter {
  /** KEYS the counters; ARGV now, then one window (ms) per key. Returns failures, expiry per key. */
  private static final Scripts RECORD = new Scripts("""
      local now = tonumber(ARGV[1])
      local out = {}
      for i, k in ipairs(KEYS) do
        local w = tonumber(ARGV[i + 1])
        local v = redis.call('HMGET', k, 'n', 'e')
        local n = 0
        if v[1] and v[2] and tonumber(v[2]) > now then n = tonumber(v[1]) end
        n = n + 1
        local e = now + w
        redis.call('HSET', k, 'n', n, 'e', string.format('%d', e))
        redis.call('PEXPIRE', k, w)
        out[#out + 1] = n
        out[#out + 1] = e
      end
      return out
      """);

  /** KEYS the counters; ARGV now. Returns failures, expiry per key (0, 0 for none or expired). */
  private static final Scripts READ = new Scripts("""
      local now = tonumber(ARGV[1])
      local out = {}
      for _, k in ipairs(KEYS) do
        local v = redis.call('HMGET', k, 'n', 'e')
        if v[1] and v[2] and tonumber(v[2]) > now then
          out[#out + 1] = tonumber(v[1])
          out[#out + 1] = tonumber(v[2])
        else
          out[#out + 1] = 0
          out[#out + 1] = 0
        end
      end
      return out
      """);

  private final RedisCommands<String, String> redis;
  private final String prefix;
  private final Clock clock;

  RedisAttemptLimiter(StatefulRedisConnection<String, String> connection, String prefix, Clock clock) {
    this.redis = connection.sync();
    this.prefix = prefix + "al:";
    this.clock = clock;
  }

  @Override
  public AttemptCounts counts(AttemptKey key) {
    List<Object> r = READ.run(redis, ScriptOutputType.MULTI, keys(key), Long.toString(clock.millis()));
    return counts(key, r);
  }

  @Override
  public AttemptCounts recordFailure(AttemptKey key, AttemptWindows windows) {
    String[] keys = keys(key);
    List<String> args = new ArrayList<>(4);
    args.add(Long.toString(clock.millis()));
    if (key.identifier() != null) {
      args.add(Long.toString(windows.pair().toMillis()));
      args.add(Long.toString(windows.identifier().toMillis()));
    }
    args.add(Long.toString(windows.address().toMillis()));
    List<Object> r = RECORD.run(redis, ScriptOutputType.MULTI, keys, args.toArray(String[]::new));
    return counts(key, r);
  }

  @Override
  public void reset(AttemptKey key, Set<AttemptScope> scopes) {
    List<String> gone = new ArrayList<>(3);
    for (AttemptScope s : scopes) {
      if (key.identifier() != null || s == AttemptScope.ADDRESS) {
        gone.add(key(key, s));
      }
    }
    if (gone.isEmpty()) {
      return;
    }
    try {
      redis.del(gone.toArray(String[]::new));
    } catch (RedisException e) {
      throw RedisStores.unavailable(e);
    }
  }

  /** The counters' keys in script order: pair, identifier, address (the address only without identifier). */
  private String[] keys(AttemptKey key) {
    if (key.identifier() == null) {
      return new String[] {key(key, AttemptScope.ADDRESS)};
    }
    return new String[] {key(key, AttemptScope.PAIR), key(key, AttemptScope.IDENTIFIER), key(key, AttemptScope.ADDRESS)};
  }

  private String key(AttemptKey key, AttemptScope scope) {
    String realm = part(key.realm());
    return switch (scope) {
      case PAIR -> prefix + "p." + realm + "." + part(key.identifier()) + "." + part(key.address());
      case IDENTIFIER -> prefix + "i." + realm + "." + part(key.identifier());
      case ADDRESS -> prefix + "a." + realm + "." + part(key.address());
    };
  }

  private static String part(@org.jspecify.annotations.Nullable String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        (s == null ? "" : s).getBytes(StandardCharsets.UTF_8));
  }

  private static AttemptCounts counts(AttemptKey key, List<Object> r) {
    if (key.identifier() == null) {
      return new AttemptCounts(Counter.NONE, Counter.NONE, counter(r, 0));
    }
    return new AttemptCounts(counter(r, 0), counter(r, 1), counter(r, 2));
  }

  private static Counter counter(List<Object> r, int i) {
    long n = (Long) r.get(2 * i);
    long e = (Long) r.get(2 * i + 1);
    return n == 0 ? Counter.NONE : new Counter(Math.toIntExact(n), e);
  }

  @Override
  public String toString() {
    return "RedisAttemptLimiter[" + prefix + "]";
  }
}
