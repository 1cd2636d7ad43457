package dev.portcullis.core.oauth1.provider;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps failed sign-ins per username on the authorize pages: after {@code maxFailures} wrong
 * passwords within {@code window}, that username is refused, without checking the password, until
 * the window that began with its first failure has passed. Guards the page against online guessing.
 *
 * <p>In memory, for one node: with several nodes each counts its own failures. Memory is bounded
 * by {@code maxEntries}: expired entries are swept when it is reached, and if nothing can be swept a
 * username without an entry is refused (fail closed). The throttle also lets anybody hold one
 * user's page closed for a window, the usual price of throttling by username, so keep it short.
 *
 * <pre>{@code
 * LoginThrottle throttle = new LoginThrottle(clock, 10, Duration.ofMinutes(5), 100_000);
 * if (throttle.blocked("demo_user")) { ... "too many attempts" ... }
 * else if (!passwordOk) { throttle.failed("demo_user"); }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class LoginThrottle {
  private final Clock clock;
  private final int maxFailures;
  private final Duration window;
  private final int maxEntries;
  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();

  private record Failures(long windowEndsMillis, int count) {}

  /**
   * A throttle.
   *
   * @throws IllegalArgumentException if {@code maxFailures} or {@code maxEntries} is below 1, or the
   *     window is not positive
   */
  public LoginThrottle(Clock clock, int maxFailures, Duration window, int maxEntries) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxFailures < 1 || maxEntries < 1) {
      throw new IllegalArgumentException("maxFailures and maxEntries must be at least 1");
    }
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be positive");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.maxEntries = maxEntries;
  }

  /** Whether {@code username} has used up its failures for the current window. */
  public boolean blocked(String username) {
    long now = clock.millis();
    Failures f = failures.get(username);
    if (f == null) {
      return failures.size() >= maxEntries && sweep(now) == 0;
    }
    return f.windowEndsMillis > now && f.count >= maxFailures;
  }

  /** Counts one wrong password for {@code username}. */
  public void failed(String username) {
    long now = clock.millis();
    if (failures.size() >= maxEntries) {
      sweep(now);
    }
    failures.compute(username, (k, f) -> f == null || f.windowEndsMillis <= now
        ? new Failures(now + window.toMillis(), 1)
        : new Failures(f.windowEndsMillis, f.count + 1));
  }

  /** Forgets the failures of {@code username} (after a successful sign-in). */
  public void succeeded(String username) {
    failures.remove(username);
  }

  private int sweep(long now) {
    int removed = 0;
    for (Iterator<Map.Entry<String, Failures>> it = failures.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().windowEndsMillis <= now) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  @Override
  public String toString() {
    return "LoginThrottle[" + maxFailures + " failures per " + window + "]";
  }
}
