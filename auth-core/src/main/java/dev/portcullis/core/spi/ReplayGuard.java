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
}
