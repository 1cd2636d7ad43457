package dev.portcullis.core.spi;

import java.time.Duration;

/**
 * Remembers single-use values (OAuth nonces, Digest nonce counts, spent verifiers) for as long as a
 * replay could still be accepted.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe.
 * <ul>
 *   <li>{@link #firstUse} is atomic: when two requests race with the same key, exactly one sees
 *       {@code true}; every later call within the ttl sees {@code false} (the duplicate).
 *   <li>{@link #firstCount} is atomic per key: of racing calls with one count exactly one sees
 *       {@code true}, and distinct counts inside the window all do.
 *   <li>The store expires its entries itself after their ttl (a Redis {@code PX}, a JDBC sweep, or
 *       {@link Maintainable#purgeExpired} run by {@link StoreMaintenance}), never on the caller's
 *       request thread; it must not forget a key before its ttl, since that would reopen a replay.
 *   <li>A store that cannot reach its storage, or has no room for a new key, throws
 *       {@link StoreUnavailableException} (the gate answers 503); it never answers {@code true}
 *       (that would let a replay through) nor {@code false} (that would blame the client).
 * </ul>
 *
 * <p>The in-memory default is {@link dev.portcullis.core.memory.InMemoryReplayGuard}; Redis and JDBC
 * ones can share it across nodes. The test-support module's {@code ReplayGuardContract} and
 * {@code NcWindowContract} check an implementation against this.
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
