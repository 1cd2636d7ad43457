package dev.portcullis.core.spi;

import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link Maintainable#purgeExpired} for its stores on one scheduled daemon thread, off the
 * request path.
 *
 * <pre>{@code
 * try (StoreMaintenance m = StoreMaintenance.every(Duration.ofSeconds(1))) {
 *   m.register(tokenStore, Clock.systemUTC());
 *   ...
 * }
 * }</pre>
 *
 * <p>The in-memory stores register themselves, weakly, with {@link #shared()}, so an application
 * that never heard of maintenance still has its expired entries removed; a store that is no longer
 * referenced drops out. A failing purge is logged (without its message, which a store could fill
 * with a key) and retried at the next run. Thread-safe.
 */
public final class StoreMaintenance implements AutoCloseable {
  // System.Logger (java.base) keeps the core free of a logging dependency; it reaches SLF4J through
  // whatever System.LoggerFinder the application installs.
  private static final System.Logger LOG = System.getLogger(StoreMaintenance.class.getName());
  private static volatile StoreMaintenance shared;

  private final ScheduledExecutorService executor;
  private final CopyOnWriteArrayList<Entry> entries = new CopyOnWriteArrayList<>();

  private StoreMaintenance(Duration period) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive");
    }
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "portcullis-store-maintenance");
      t.setDaemon(true);
      return t;
    });
    long ms = period.toMillis();
    executor.scheduleWithFixedDelay(this::runOnce, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** A new maintenance thread purging its stores every {@code period}; close it when done. */
  public static StoreMaintenance every(Duration period) {
    return new StoreMaintenance(period);
  }

  /** The process-wide instance (one daemon thread, every second) the in-memory stores use by default. */
  public static StoreMaintenance shared() {
    StoreMaintenance s = shared;
    if (s == null) {
      synchronized (StoreMaintenance.class) {
        s = shared;
        if (s == null) {
          s = new StoreMaintenance(Duration.ofSeconds(1));
          shared = s;
        }
      }
    }
    return s;
  }

  /** Purges {@code store} at every run with {@code clock}'s time, keeping it reachable. */
  public void register(Maintainable store, Clock clock) {
    entries.add(new Entry(Objects.requireNonNull(store, "store"), null, clock));
  }

  /** Purges {@code store} at every run with {@code clock}'s time while something else references it. */
  public void registerWeakly(Maintainable store, Clock clock) {
    entries.add(new Entry(null, new WeakReference<>(Objects.requireNonNull(store, "store")), clock));
  }

  /** Runs one purge of every registered store now, on the calling thread; returns how many entries went. */
  public int runOnce() {
    int removed = 0;
    for (Entry e : entries) {
      Maintainable m = e.strong() != null ? e.strong() : Objects.requireNonNull(e.weak()).get();
      if (m == null) {
        entries.remove(e);
        continue;
      }
      try {
        removed += m.purgeExpired(e.clock().instant());
      } catch (RuntimeException ex) {
        LOG.log(System.Logger.Level.WARNING, "store maintenance failed for {0}: {1}",
            m.getClass().getName(), ex.getClass().getName());
      }
    }
    return removed;
  }

  /** Stops the thread (the shared instance ignores this: it lives as long as the JVM). */
  @Override
  public void close() {
    if (this != shared) {
      executor.shutdownNow();
    }
  }

  private record Entry(
      @Nullable Maintainable strong, @Nullable WeakReference<Maintainable> weak, Clock clock) {}
}
