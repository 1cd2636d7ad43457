package dev.portcullis.core.spi;

import java.time.Instant;

/**
 * A store that forgets what has expired when told to, off the request path.
 *
 * <p><b>Contract.</b> {@link #purgeExpired} removes the entries whose lifetime ended at or before
 * {@code now} and nothing live; it may run concurrently with every other method of the store and
 * must not change any answer those give for a live entry. Request-path methods never sweep: a
 * store's expiry is driven by {@link StoreMaintenance} (or the application's own scheduler), and
 * tests call it directly with a moved clock. A store that relies on server-side expiry (a Redis
 * TTL, say) may return 0. An unreachable store throws {@link StoreUnavailableException}.
 */
public interface Maintainable {

  /**
   * Forgets what expired at or before {@code now}.
   *
   * @return how many entries were removed
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  int purgeExpired(Instant now);
}
