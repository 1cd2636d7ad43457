package dev.portcullis.core.spi.oauth1;

import org.jspecify.annotations.Nullable;

/**
 * Where consumers (client credentials) live. Secrets come back as {@link ProtectedSecret}s, so a
 * store may keep them encrypted at rest with a {@link SecretProtector}.
 *
 * <p>Implementations must be thread-safe and throw
 * {@link dev.portcullis.core.spi.StoreUnavailableException} when their storage cannot be reached
 * (the request then fails closed). The in-memory default is
 * {@link dev.portcullis.core.memory.InMemoryConsumerStore}.
 *
 * <pre>{@code
 * ConsumerStore consumers = new InMemoryConsumerStore();
 * consumers.save(Consumer.builder("key", ProtectedSecret.plain("secret")).build());
 * }</pre>
 */
public interface ConsumerStore {

  /** The consumer with {@code key}, or null when there is none. */
  @Nullable Consumer find(String key);

  /** Adds or replaces the consumer with the same key (the public-app flow mints consumers per user). */
  void save(Consumer consumer);

  /** Removes the consumer; returns whether it existed. */
  boolean remove(String key);
}
