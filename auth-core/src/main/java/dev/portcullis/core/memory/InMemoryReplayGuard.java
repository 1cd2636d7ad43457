package dev.portcullis.core.memory;

import dev.portcullis.core.spi.Maintainable;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.StoreMaintenance;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReplayGuard} for one node, in memory.
 *
 * <p>Memory is bounded by the replay window: entries expire with their ttl and are removed by
 * {@link #purgeExpired}, which {@link StoreMaintenance#shared()} runs every second on its daemon
 * thread (the guard registers itself, weakly), never a request thread. Past {@code maxEntries} a
 * new key gets {@link StoreUnavailableException} (the gate answers 503, fail closed) rather than
 * evicting a live one, which would reopen a replay, or a "replay" answer, which would blame the
 * client for the server's capacity. Thread-safe; {@link #firstUse} is atomic
 * ({@link ConcurrentHashMap#putIfAbsent} semantics).
 */
public final class InMemoryReplayGuard implements ReplayGuard, Maintainable {
  private final Clock clock;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CountWindow> windows = new ConcurrentHashMap<>();

  /** A guard on the system clock holding at most one million keys. */
  public InMemoryReplayGuard() {
    this(Clock.systemUTC(), 1_000_000);
  }

  /**
   * A guard whose expired entries {@link StoreMaintenance#shared()} removes every second.
   *
   * @param clock the time source (tests move it forward)
   * @param maxEntries the most keys held at once
   */
  public InMemoryReplayGuard(Clock clock, int maxEntries) {
    this(clock, maxEntries, StoreMaintenance.shared());
  }

  /**
   * @param clock the time source (tests move it forward)
   * @param maxEntries the most keys held at once
   * @param maintenance what runs {@link #purgeExpired} (the guard registers weakly); null when the
   *     caller runs it itself
   */
  public InMemoryReplayGuard(Clock clock, int maxEntries, @Nullable StoreMaintenance maintenance) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be positive");
    }
    this.clock = clock;
    this.maxEntries = maxEntries;
    if (maintenance != null) {
      maintenance.registerWeakly(this, clock);
    }
  }

  @Override
  public boolean firstUse(String key, Duration ttl) {
    long now = clock.millis();
    Long expiry = now + ttl.toMillis();
    // putIfAbsent, then compare-and-replace of an expired entry: atomic per key like compute, but
    // without a capturing lambda and a result holder per call (this runs on every signed request)
    for (;;) {
      Long old;
      if (expiries.size() < maxEntries) {
        old = expiries.putIfAbsent(key, expiry);
        if (old == null) {
          return true;
        }
      } else {
        old = expiries.get(key);
        if (old == null) {
          throw full(); // fail closed rather than forget a live key
        }
      }
      if (old > now) {
        return false;
      }
      // expired: take it over, unless another call just did (or the sweep removed it: look again)
      if (expiries.replace(key, old, expiry)) {
        return true;
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here one entry per key holds the highest count and a bitmap of the last {@code window}
   * counts, so a count that fell below the window is refused too. Atomic per key.
   */
  @Override
  public boolean firstCount(String key, long count, int window, Duration ttl) {
    if (count < 1 || window < 1) {
      throw new IllegalArgumentException("count and window must be positive");
    }
    long now = clock.millis();
    // the usual case, a live window for this key: record under the window's own lock, with no map
    // update, capturing lambda or result holder (this runs on every Digest request)
    CountWindow live = windows.get(key);
    if (live != null) {
      synchronized (live) {
        if (!live.retired && live.expiry > now) {
          return live.record(count);
        }
      }
    }
    long expiry = now + ttl.toMillis();
    boolean[] fresh = {false};
    windows.compute(key, (k, w) -> {
      if (w == null || w.expiry <= now) {
        if (w == null && windows.size() + expiries.size() >= maxEntries) {
          throw full(); // fail closed rather than forget a live window
        }
        if (w != null) {
          w.retire();
        }
        w = new CountWindow(window, expiry);
      }
      synchronized (w) {
        fresh[0] = w.record(count);
      }
      return w;
    });
    return fresh[0];
  }

  private StoreUnavailableException full() {
    return new StoreUnavailableException("in-memory replay guard is full (" + maxEntries + " keys)");
  }

  /** The number of keys currently held (expired ones linger until the next {@link #purgeExpired}). */
  public int size() {
    return expiries.size() + windows.size();
  }

  /**
   * Highest count seen plus a ring of seen-flags for the counts just below it. Guarded by its own
   * lock; once replaced in or swept from the map it is retired, so a caller that found it just
   * before cannot record into a window nobody reads any more.
   */
  private static final class CountWindow {
    final long expiry;
    final boolean[] seen;
    long highest;
    boolean retired;

    CountWindow(int window, long expiry) {
      this.seen = new boolean[window];
      this.expiry = expiry;
    }

    synchronized boolean retire() {
      retired = true;
      return true;
    }

    boolean record(long count) {
      int w = seen.length;
      if (count > highest) {
        long gap = count - highest;
        if (gap >= w) {
          java.util.Arrays.fill(seen, false);
        } else if (gap > 1) {
          // forget the skipped counts highest+1 .. count-1: one ring segment, or two when it wraps
          int from = (int) ((highest + 1) % w);
          int to = from + (int) gap - 1;
          if (to <= w) {
            java.util.Arrays.fill(seen, from, to, false);
          } else {
            java.util.Arrays.fill(seen, from, w, false);
            java.util.Arrays.fill(seen, 0, to - w, false);
          }
        }
        highest = count;
        seen[(int) (count % w)] = true;
        return true;
      }
      if (count <= highest - w) {
        return false;
      }
      int slot = (int) (count % w);
      if (seen[slot]) {
        return false;
      }
      seen[slot] = true;
      return true;
    }
  }

  /** Removes the keys and count windows whose ttl ended at or before {@code now}; for maintenance, not requests. */
  @Override
  public int purgeExpired(Instant now) {
    long t = now.toEpochMilli();
    int removed = 0;
    for (Iterator<Map.Entry<String, Long>> it = expiries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Long> e = it.next();
      if (e.getValue() <= t && expiries.remove(e.getKey(), e.getValue())) {
        removed++;
      }
    }
    for (Iterator<Map.Entry<String, CountWindow>> it = windows.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, CountWindow> e = it.next();
      CountWindow w = e.getValue();
      // retired first, under its lock, so a request that just found it cannot record into it
      if (w.expiry <= t && w.retire() && windows.remove(e.getKey(), w)) {
        removed++;
      }
    }
    return removed;
  }
}
