package dev.portcullis.core.spi;

import java.time.Duration;

/**
 * Remembers single-use values (OAuth nonces, Digest nonce counts, spent verifiers) for as long as a
 * replay could still be accepted.
 *
 * <p>{@link #firstUse} must be atomic: when two requests race with the same key, exactly one sees
 * {@code true}. Implementations that cannot reach their storage must throw
 * {@link StoreUnavailableException}, never answer {@code true} (fail closed).
 *
 * <p>Implementations must be thread-safe. The in-memory default is
 * {@link dev.portcullis.core.memory.InMemoryReplayGuard}; Redis and JDBC ones can share it across nodes.
 */
public interface ReplayGuard {

  /**
   * Records {@code key} if it has not been seen within its lifetime.
   *
   * @param key the value to remember; callers include everything that scopes it (consumer, token,
   *     timestamp, nonce), never a secret
   * @param ttl how long to remember it; afterwards the caller's own window refuses the value anyway
   * @return {@code true} the first time, {@code false} for a replay
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  boolean firstUse(String key, Duration ttl);

  /**
   * Records one use of {@code count} under {@code key} in a sliding window (HTTP Digest's nonce
   * count, RFC 7616 §3.4): counts may arrive out of order as long as they stay within {@code window}
   * of the highest count seen, and each count passes once.
   *
   * <p>This default records every {@code (key, count)} pair through {@link #firstUse}, which refuses
   * reuse but keeps one entry per request and accepts counts below the window. Stores that can keep
   * a per-key high-water mark should override it (the in-memory guard does) to refuse counts that
   * fell out of the window and to hold one small entry per key.
   *
   * @param key what scopes the counter (the nonce), never a secret
   * @param count the count, 1 or more
   * @param window how far below the highest count seen a count may still arrive, 1 or more
   * @param ttl how long to remember the key
   * @return {@code true} the first time this count is seen within the window
   * @throws StoreUnavailableException if the storage cannot be reached
   * @throws IllegalArgumentException if {@code count} or {@code window} is below 1
   */
  default boolean firstCount(String key, long count, int window, Duration ttl) {
    if (count < 1 || window < 1) {
      throw new IllegalArgumentException("count and window must be positive");
    }
    return firstUse(key + '#' + count, ttl);
  }
}
