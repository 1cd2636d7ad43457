package dev.portcullis.store.redis;

import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One node's connection to the shared Redis, and the stores that use it: the
 * {@link #replayGuard() replay guard and Digest nc window}, the {@link #requestTokens single-use
 * OAuth request tokens}, the {@link #attemptLimiter() attempt counters} and the
 * {@link #invalidations() revocation broadcast}.
 *
 * <p>Built to fail closed and come back by itself: a command that gets no answer within the
 * command timeout (default 500 ms) throws {@link StoreUnavailableException}, so does every command
 * while the connection is down (Lettuce rejects instead of queueing them), and Lettuce reconnects
 * in the background every 50 ms to 1 s, so the same stores work again within about a second of Redis
 * coming back. Nothing is retried on the request thread.
 *
 * <pre>{@code
 * try (RedisStores redis = RedisStores.builder().uri("redis://redis.internal:6379").build()) {
 *   ReplayGuard guard = redis.replayGuard();
 * }
 * }</pre>
 *
 * <p>Thread-safe: one multiplexed connection serves every thread (Lettuce pipelines concurrent
 * commands on it); the broadcast has its own pub/sub connection.
 *
 * <p><b>On Linux, put Netty's native transport on the class path</b>
 * ({@code io.netty:netty-transport-native-epoll}, classifier {@code linux-x86_64} or
 * {@code linux-aarch_64}, the Netty release Lettuce brings); Lettuce uses it when present. Every
 * command hands off to Lettuce's I/O thread and back, which costs more CPU on the JDK's NIO
 * selector: in the demo, Digest requests with their nc window in Redis were served at a median of
 * 10,693 req/s on epoll against 9,264 on NIO, side by side. The demo server ships it.
 */
public final class RedisStores implements AutoCloseable {
  private final RedisClient client;
  private final ClientResources resources;
  private final StatefulRedisConnection<String, String> connection;
  private final Clock clock;
  private final String prefix;
  private final Duration commandTimeout;
  private final Object lock = new Object();
  private @Nullable RedisInvalidations invalidations;

  private RedisStores(Builder b) {
    RedisURI uri = RedisURI.create(Objects.requireNonNull(b.uri, "uri is required"));
    // the URI's timeout also bounds the connection handshake, which in a cold JVM on a busy machine
    // can take longer than a command may: connections get the connect timeout, commands their own
    uri.setTimeout(b.connectTimeout);
    commandTimeout = b.commandTimeout;
    resources = ClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        // the default backs off to 30 s; a node must notice Redis is back within a second
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // queued commands would make a request wait for the outage to end: refuse them (503) now
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(10_000)
        // every call here is synchronous and waits at most the connection's timeout (set below);
        // Lettuce's own per-command timer (on by default) would add a timer task and a cancellation
        // to each command for nothing but the async API, which none of these stores uses
        .timeoutOptions(TimeoutOptions.builder().timeoutCommands(false).build())
        .socketOptions(SocketOptions.builder().connectTimeout(b.connectTimeout).keepAlive(true).build())
        .build());
    clock = b.clock;
    prefix = b.keyPrefix;
    try {
      connection = client.connect(StringCodec.UTF8);
      connection.setTimeout(commandTimeout);
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      resources.shutdown(0, 1, TimeUnit.SECONDS);
      throw unavailable(e);
    }
  }

  /** A builder; {@link Builder#uri} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The replay guard and Digest nc window on this connection (cheap; share one). */
  public ReplayGuard replayGuard() {
    return new RedisReplayGuard(connection, prefix, clock);
  }

  /** Failed-attempt counters shared by every node (the policy stays in the gate's {@code AttemptPolicy}). */
  public AttemptLimiter attemptLimiter() {
    return new RedisAttemptLimiter(connection, prefix, clock);
  }

  /**
   * An {@link OAuthTokenStore} whose request tokens live in Redis, single-use across every node,
   * and whose access tokens live in {@code accessTokens} (a durable store: JDBC, or memory for a
   * single node).
   *
   * @param accessTokens where access tokens are kept; it never sees a request token
   * @param protector opens the sealed request-token secrets read back from Redis (the one they were
   *     sealed with; every node must share its key)
   */
  public OAuthTokenStore requestTokens(OAuthTokenStore accessTokens, SecretProtector protector) {
    return new RedisRequestTokenStore(connection, prefix, clock, accessTokens, protector);
  }

  /**
   * The revocation broadcast over Redis pub/sub: publishes on this node, delivers every node's
   * messages to the listeners registered here. Created once, on first call.
   *
   * @throws StoreUnavailableException if the pub/sub connection cannot be opened
   */
  public RedisInvalidations invalidations() {
    synchronized (lock) {
      if (invalidations == null) {
        invalidations = new RedisInvalidations(client, connection, prefix + "revoked", commandTimeout);
      }
      return invalidations;
    }
  }

  /** Closes the connections and the client's threads. */
  @Override
  public void close() {
    synchronized (lock) {
      if (invalidations != null) {
        invalidations.close();
      }
    }
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  /** The one way a Redis failure leaves this module: fail closed, no key or value in the message. */
  static StoreUnavailableException unavailable(RuntimeException e) {
    return new StoreUnavailableException("Redis is unavailable (" + e.getClass().getSimpleName() + ")", e);
  }

  /** Settings for {@link RedisStores}; each may be given once (a second time is a mistake). */
  public static final class Builder {
    private @Nullable String uri;
    private Duration commandTimeout = Duration.ofMillis(500);
    private Duration connectTimeout = Duration.ofSeconds(3);
    private Clock clock = Clock.systemUTC();
    private String keyPrefix = "portcullis:";
    private boolean timeoutSet;
    private boolean connectSet;
    private boolean clockSet;
    private boolean prefixSet;

    private Builder() {}

    /** The Redis to use, e.g. {@code redis://host:6379/0} or {@code rediss://user:pass@host}. */
    public Builder uri(String uri) {
      requireState(this.uri == null, "uri");
      this.uri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /** How long a command may take before it fails closed (default 500 ms). */
    public Builder commandTimeout(Duration timeout) {
      requireState(!timeoutSet, "commandTimeout");
      this.commandTimeout = positive(timeout, "commandTimeout");
      timeoutSet = true;
      return this;
    }

    /**
     * How long opening a connection, handshake included, may take (default 3 s): at start-up, and
     * for each background reconnect. Requests never wait for it: while disconnected every command
     * is refused at once.
     */
    public Builder connectTimeout(Duration timeout) {
      requireState(!connectSet, "connectTimeout");
      this.connectTimeout = positive(timeout, "connectTimeout");
      connectSet = true;
      return this;
    }

    /**
     * The clock the stores compare lifetimes against (default UTC system clock). Every node must run
     * on synchronised clocks anyway (OAuth timestamps, Digest nonce lifetimes); Redis expiry is only
     * the memory bound.
     */
    public Builder clock(Clock clock) {
      requireState(!clockSet, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      clockSet = true;
      return this;
    }

    /** The prefix of every key and channel (default {@code portcullis:}); one per deployment. */
    public Builder keyPrefix(String prefix) {
      requireState(!prefixSet, "keyPrefix");
      this.keyPrefix = Objects.requireNonNull(prefix, "keyPrefix");
      prefixSet = true;
      return this;
    }

    /**
     * Connects.
     *
     * @throws StoreUnavailableException if Redis cannot be reached now
     * @throws NullPointerException if no uri was given
     */
    public RedisStores build() {
      return new RedisStores(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }

    private static void requireState(boolean ok, String setting) {
      if (!ok) {
        throw new IllegalStateException(setting + " was already set");
      }
    }
  }
}
