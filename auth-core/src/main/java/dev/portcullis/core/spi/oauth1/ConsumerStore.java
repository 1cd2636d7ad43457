package dev.portcullis.core.spi.oauth1;

import dev.portcullis.core.spi.Maintainable;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Where consumers (client credentials) live. Secrets come back as {@link ProtectedSecret}s, so a
 * store may keep them encrypted at rest with a {@link SecretProtector}.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe, and every method throws
 * {@link dev.portcullis.core.spi.StoreUnavailableException} when the storage cannot be reached,
 * never null for an outage (the request then fails closed with 503).
 * <ul>
 *   <li>{@link #addIfAbsent} is atomic: of two adds with one key exactly one returns true; the
 *       duplicate returns false and changes nothing. The public-app flow mints consumers with it.
 *   <li>{@link #save} adds or replaces (administration: rotating a secret, disabling a consumer);
 *       it never fails for an existing key. {@link #remove} is atomic.
 *   <li>A consumer with {@link Consumer#expiresAt} (the public-app flow's per-user consumers) is
 *       forgotten by {@link #purgeExpired}, which maintenance runs off the request path
 *       ({@link dev.portcullis.core.spi.StoreMaintenance}); until then {@link #find} still returns it
 *       and the verifier refuses it ({@link Consumer#isExpired}). A consumer without an expiry is
 *       removed only by {@link #remove}. A {@link #save} that replaces a consumer replaces its
 *       expiry too (the provider extends a public-app consumer's life when its token is exchanged).
 * </ul>
 *
 * <p>The in-memory default is {@link dev.portcullis.core.memory.InMemoryConsumerStore}; the
 * test-support module's {@code ConsumerStoreContract} checks an implementation against this.
 *
 * <pre>{@code
 * ConsumerStore consumers = new InMemoryConsumerStore();
 * consumers.save(Consumer.builder("key", ProtectedSecret.plain("secret")).build());
 * }</pre>
 */
public interface ConsumerStore extends Maintainable {

  /** The consumer with {@code key}, or null when there is none. */
  @Nullable Consumer find(String key);

  /** Adds or replaces the consumer with the same key. */
  void save(Consumer consumer);

  /**
   * Adds the consumer unless one with the same key exists; atomic.
   *
   * @return whether it was added
   */
  boolean addIfAbsent(Consumer consumer);

  /** Removes the consumer; returns whether it existed. */
  boolean remove(String key);

  /**
   * Forgets the consumers whose {@link Consumer#expiresAt} is at or before {@code now}; consumers
   * without an expiry stay. Returns how many went.
   */
  @Override
  int purgeExpired(Instant now);
}
