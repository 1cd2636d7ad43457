package dev.portcullis.demo;

import dev.portcullis.core.Gate;
import dev.portcullis.core.http.TrustedProxies;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * What the server hands each {@link DemoApi} when installing it.
 *
 * @param handler the single servlet context (path "/") every API adds its servlets and filters to
 * @param clock the time source every store and verifier uses
 * @param trustedProxies the proxies whose Forwarded / X-Forwarded-* headers count
 * @param security the attempt limiter and event listeners every API's gate shares
 * @param stores where each API gets its stores, seeded with its demo data (memory, H2 or PostgreSQL;
 *     replay state and request tokens in Redis with {@code --redis})
 * @param nodeName this node's name, as shown in log lines
 * @param shared the stores an API offers to the others (the console manages the schemes' own stores)
 */
public record DemoContext(ServletContextHandler handler, Clock clock, TrustedProxies trustedProxies,
    DemoSecurity security, DemoStores stores, String nodeName, Shared shared) {

  public DemoContext {
    Objects.requireNonNull(shared, "shared");
  }

  /** A context whose APIs share nothing yet. */
  public DemoContext(ServletContextHandler handler, Clock clock, TrustedProxies trustedProxies,
      DemoSecurity security, DemoStores stores, String nodeName) {
    this(handler, clock, trustedProxies, security, stores, nodeName, new Shared());
  }

  /** The keys every node shares (Digest nonces, CSRF, secret sealing). */
  public DemoKeys keys() {
    return stores.keys();
  }

  /**
   * A gate builder already set up with the demo's throttling, audit log, metrics, trusted proxies
   * and clock; the API adds its schemes.
   */
  public Gate.Builder gate() {
    return security.configure(Gate.builder(), trustedProxies, clock);
  }

  /** Stores by type, each offered once by the API that owns it. Thread-safe. */
  public static final class Shared {
    private final ConcurrentHashMap<Class<?>, Object> byType = new ConcurrentHashMap<>();

    /**
     * Offers {@code value} as the demo's {@code type}.
     *
     * @throws IllegalStateException if another API already offered one
     */
    public <T> void put(Class<T> type, T value) {
      if (byType.putIfAbsent(type, Objects.requireNonNull(value, "value")) != null) {
        throw new IllegalStateException(type.getSimpleName() + " was already offered");
      }
    }

    /** The offered {@code type}, if an API offered one. */
    public <T> Optional<T> find(Class<T> type) {
      return Optional.ofNullable(type.cast(byType.get(type)));
    }

    /**
     * The offered {@code type}.
     *
     * @throws IllegalStateException if no API offered one
     */
    public <T> T get(Class<T> type) {
      return find(type).orElseThrow(() -> new IllegalStateException("no API offered a " + type.getSimpleName()));
    }
  }
}
