package dev.portcullis.store.redis;

import dev.portcullis.store.cache.Invalidation;
import dev.portcullis.store.cache.Invalidations;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The revocation broadcast over Redis pub/sub: what one node publishes, every node's read cache
 * drops at once (within a network hop, not the cache TTL).
 *
 * <p>Pub/sub delivers only to connected subscribers, so messages sent while a node's subscription
 * was down are lost. Each time the subscription is (re)established, which Lettuce does by itself
 * after a reconnect, this node's listeners get {@link Invalidation#all()} and start afresh; until
 * then the caches' TTL bounds what they may serve. {@link #publish} fails closed
 * ({@link dev.portcullis.core.spi.StoreUnavailableException}) within the command timeout.
 *
 * <pre>{@code
 * ReadCache cache = ReadCache.builder().invalidations(redisStores.invalidations()).build();
 * }</pre>
 *
 * <p>Thread-safe. Listeners run on a Lettuce event-loop thread and must be quick.
 */
public final class RedisInvalidations implements Invalidations, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RedisInvalidations.class.getName());

  private final RedisCommands<String, String> redis;
  private final StatefulRedisPubSubConnection<String, String> subscription;
  private final String channel;
  private final List<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();

  RedisInvalidations(RedisClient client, StatefulRedisConnection<String, String> connection, String channel,
      java.time.Duration commandTimeout) {
    this.redis = connection.sync();
    this.channel = channel;
    try {
      subscription = client.connectPubSub(StringCodec.UTF8);
      subscription.setTimeout(commandTimeout);
    } catch (RedisException e) {
      throw RedisStores.unavailable(e);
    }
    subscription.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String ch, String message) {
        if (!channel.equals(ch)) {
          return;
        }
        Invalidation m;
        try {
          m = Invalidation.decode(message);
        } catch (IllegalArgumentException e) {
          LOG.log(Level.WARNING, "ignored a message on {0} that is not an invalidation", channel);
          return;
        }
        deliver(m);
      }

      @Override
      public void subscribed(String ch, long count) {
        // first subscription, or a resubscription after a reconnect: what was sent in between is lost
        if (channel.equals(ch)) {
          deliver(Invalidation.all());
        }
      }
    });
    try {
      subscription.sync().subscribe(channel);
    } catch (RedisException e) {
      subscription.close();
      throw RedisStores.unavailable(e);
    }
  }

  @Override
  public void publish(Invalidation message) {
    try {
      redis.publish(channel, message.encode());
    } catch (RedisException e) {
      throw RedisStores.unavailable(e);
    }
  }

  @Override
  public void subscribe(Consumer<Invalidation> listener) {
    listeners.add(listener);
  }

  private void deliver(Invalidation m) {
    for (Consumer<Invalidation> l : listeners) {
      try {
        l.accept(m);
      } catch (RuntimeException e) {
        // one broken listener must not starve the others of a revocation
        LOG.log(Level.ERROR, "invalidation listener failed: {0}", e.getClass().getName());
      }
    }
  }

  /** Closes the subscription (the stores' connection stays). */
  @Override
  public void close() {
    subscription.close();
  }

  @Override
  public String toString() {
    return "RedisInvalidations[" + channel + "]";
  }
}
