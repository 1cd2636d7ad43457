package dev.portcullis.store.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), one round trip; re-sent whole ({@code EVAL})
 * when the server does not know it, which is the case after every Redis restart.
 */
final class Scripts {
  private final String body;
  private final String sha;

  Scripts(String body) {
    this.body = body;
    try {
      sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is not available", e);
    }
  }

  /**
   * Runs the script.
   *
   * @throws dev.portcullis.core.spi.StoreUnavailableException if Redis fails or times out
   */
  <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
    try {
      try {
        return redis.evalsha(sha, type, keys, args);
      } catch (RedisNoScriptException e) {
        return redis.eval(body, type, keys, args);
      }
    } catch (RedisException e) {
      throw RedisStores.unavailable(e);
    }
  }
}
