package dev.portcullis.store.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The channel that tells every node's read cache to drop an entry at once, so that a revocation on
 * one node is refused on all (Redis pub/sub in {@code auth-store-redis}).
 *
 * <p>A deployment without a broadcast uses {@link #local()}: the caches of this JVM still drop what
 * its own writes change, and other nodes rely on the caches' short TTL (1 s by default).
 *
 * <p><b>Contract.</b> Thread-safe. {@link #publish} reaches the listeners of every node subscribed
 * to the same channel, this one's included, at most once each; a message may be lost while the
 * channel is down, so an implementation that notices a reconnect delivers {@link Invalidation#all()}
 * to its listeners. {@link #publish} never blocks a request for long: an implementation whose
 * channel is down throws {@link dev.portcullis.core.spi.StoreUnavailableException} promptly.
 * Listeners must be quick and must not throw.
 *
 * <pre>{@code
 * Invalidations channel = Invalidations.local();
 * ApiTokenStore tokens = ReadCache.builder().invalidations(channel).build().apiTokens(jdbcTokens);
 * }</pre>
 */
public interface Invalidations {

  /**
   * Tells every subscribed node to drop what it cached about {@code message}'s subject.
   *
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the channel cannot be reached
   */
  void publish(Invalidation message);

  /** Adds a listener for the messages of every node; called on a channel thread. */
  void subscribe(Consumer<Invalidation> listener);

  /** A channel inside this JVM only: messages go straight to this JVM's listeners. */
  static Invalidations local() {
    return new Invalidations() {
      private final List<Consumer<Invalidation>> listeners = new CopyOnWriteArrayList<>();

      @Override
      public void publish(Invalidation message) {
        listeners.forEach(l -> l.accept(message));
      }

      @Override
      public void subscribe(Consumer<Invalidation> listener) {
        listeners.add(listener);
      }

      @Override
      public String toString() {
        return "Invalidations.local()";
      }
    };
  }
}
