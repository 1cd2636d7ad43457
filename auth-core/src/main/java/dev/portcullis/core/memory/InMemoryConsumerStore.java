package dev.portcullis.core.memory;

import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConsumerStore} for one node, in memory. Thread-safe. Expired consumers go in
 * {@link #purgeExpired}, which {@link dev.portcullis.core.oauth1.provider.OAuthProvider} has
 * {@link dev.portcullis.core.spi.StoreMaintenance#shared()} run for the store it mints into.
 *
 * <pre>{@code
 * InMemoryConsumerStore consumers = new InMemoryConsumerStore();
 * consumers.save(Consumer.builder("key", ProtectedSecret.plain("secret")).build());
 * }</pre>
 */
public final class InMemoryConsumerStore implements ConsumerStore {
  private final ConcurrentHashMap<String, Consumer> consumers = new ConcurrentHashMap<>();

  @Override
  public @Nullable Consumer find(String key) {
    return consumers.get(key);
  }

  @Override
  public void save(Consumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    consumers.put(consumer.key(), consumer);
  }

  @Override
  public boolean addIfAbsent(Consumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    return consumers.putIfAbsent(consumer.key(), consumer) == null;
  }

  @Override
  public boolean remove(String key) {
    return consumers.remove(key) != null;
  }

  @Override
  public int purgeExpired(Instant now) {
    int before = consumers.size();
    consumers.values().removeIf(c -> c.isExpired(now));
    return before - consumers.size();
  }

  /** How many consumers are held. */
  public int size() {
    return consumers.size();
  }
}
