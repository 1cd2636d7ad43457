package dev.portcullis.core;

import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptCounts.Counter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When failed attempts make the {@link Gate} refuse with 429 before verifying anything, and what a
 * success forgives. An {@link dev.portcullis.core.spi.AttemptLimiter} only counts; this decides.
 *
 * <p>Three rules, one per counter, chosen so that an attacker cannot turn them against a victim:
 * <ul>
 *   <li><b>Pair</b> (identifier from one address): blocked quickly. From the 5th failure the pair
 *       waits 30 s after its latest failure, doubling with each further failure up to 15 minutes.
 *       Only the attacker's own address is blocked; the owner elsewhere is not.
 *   <li><b>Identifier</b> (from any address): slowed, never locked. From the 10th failure an
 *       address that has failures of its own waits 1 s after the identifier's latest failure,
 *       doubling up to 30 s; an address with a clean record is never held back by this rule, so
 *       a distributed guesser slows itself down but cannot lock the owner out (Tomcat's
 *       {@code LockOutRealm} can be used to).
 *   <li><b>Address</b> (across identifiers): limits spraying one password over many accounts.
 *       From the 20th failure the address waits 60 s after its latest failure, doubling up to 15
 *       minutes.
 * </ul>
 * The waits grow like Keycloak's brute-force wait increments; the counters' windows (1 hour for
 * the pair and the address, 15 minutes for the identifier) say how long a failure is remembered.
 * A success clears the pair's counter ({@link Builder#resetOnSuccess}), never the address's: an
 * attacker with one valid account could otherwise wash his address between sprays.
 *
 * <pre>{@code
 * AttemptPolicy policy = AttemptPolicy.builder()
 *     .pair(new AttemptPolicy.Limit(5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1)))
 *     .build();
 * Gate gate = Gate.builder().scheme(digest).attemptLimiter(new InMemoryAttemptLimiter()).attemptPolicy(policy).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #retryAfterMillis} allocates nothing: it runs on every
 * request the gate throttles.
 */
public final class AttemptPolicy {
  private static final AttemptPolicy DEFAULTS = builder().build();

  private final Limit pair;
  private final Limit identifier;
  private final Limit address;
  private final Set<AttemptScope> resetOnSuccess;
  private final AttemptWindows windows;

  private AttemptPolicy(Builder b) {
    this.pair = b.pair;
    this.identifier = b.identifier;
    this.address = b.address;
    this.resetOnSuccess = b.resetOnSuccess;
    this.windows = new AttemptWindows(pair.window(), identifier.window(), address.window());
  }

  /** The policy described above. */
  public static AttemptPolicy defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * One rule: from the {@code failures}-th failure on, wait {@code firstWait} after the latest
   * failure, doubling with every further failure up to {@code maxWait}; failures are remembered for
   * {@code window} after the latest one.
   *
   * @param failures the failures that start the waiting, 1 or more
   * @param firstWait the first wait, at least one second
   * @param maxWait the longest wait, at least {@code firstWait}
   * @param window how long a counter lives after its latest failure, at least {@code maxWait}
   *     (otherwise a counter would expire in the middle of its own wait)
   */
  public record Limit(int failures, Duration firstWait, Duration maxWait, Duration window) {
    /**
     * @throws IllegalArgumentException if the values break the rules above
     */
    public Limit {
      Objects.requireNonNull(firstWait, "firstWait");
      Objects.requireNonNull(maxWait, "maxWait");
      Objects.requireNonNull(window, "window");
      if (failures < 1) {
        throw new IllegalArgumentException("failures must be at least 1");
      }
      if (firstWait.compareTo(Duration.ofSeconds(1)) < 0 || maxWait.compareTo(firstWait) < 0
          || window.compareTo(maxWait) < 0) {
        throw new IllegalArgumentException("need 1 s <= firstWait <= maxWait <= window");
      }
    }

    /** How long to wait after the latest failure, given the counter's failures; 0 below the limit. */
    long waitMillis(int count) {
      if (count < failures) {
        return 0;
      }
      int doublings = count - failures;
      long first = firstWait.toMillis();
      long max = maxWait.toMillis();
      if (doublings >= Long.numberOfLeadingZeros(first) - 1) {
        return max; // the shift would overflow, so it is past any maximum
      }
      return Math.min(first << doublings, max);
    }

    /** Milliseconds left to wait for {@code c} at {@code now}; 0 or less when it may go ahead. */
    long remaining(Counter c, long now) {
      if (c.failures() < failures) {
        return 0;
      }
      long lastFailure = c.expiresAtMillis() - window.toMillis();
      return lastFailure + waitMillis(c.failures()) - now;
    }
  }

  /** The counters' windows, for {@link dev.portcullis.core.spi.AttemptLimiter#recordFailure}. */
  public AttemptWindows windows() {
    return windows;
  }

  /** What a success clears. */
  public Set<AttemptScope> resetOnSuccess() {
    return resetOnSuccess;
  }

  /** The rule for {@code scope}. */
  public Limit limit(AttemptScope scope) {
    return switch (scope) {
      case PAIR -> pair;
      case IDENTIFIER -> identifier;
      case ADDRESS -> address;
    };
  }

  /**
   * How long the attempt must wait before anything is verified, in milliseconds; 0 to go ahead.
   * The longest wait of the three rules wins; the identifier's rule counts only for an address
   * that has failures of its own.
   */
  public long retryAfterMillis(AttemptCounts counts, long nowMillis) {
    if (counts == AttemptCounts.NONE) {
      return 0;
    }
    long wait = Math.max(pair.remaining(counts.pair(), nowMillis),
        address.remaining(counts.address(), nowMillis));
    if (counts.address().failures() > 0) {
      wait = Math.max(wait, identifier.remaining(counts.identifier(), nowMillis));
    }
    return Math.max(wait, 0);
  }

  /** Whether a success after {@code counts} has anything to clear (so a clean success costs no call). */
  public boolean resetNeeded(AttemptCounts counts) {
    for (AttemptScope s : resetOnSuccess) {
      if (counts.of(s).failures() > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "AttemptPolicy[pair=" + pair + ", identifier=" + identifier + ", address=" + address
        + ", resetOnSuccess=" + resetOnSuccess + "]";
  }

  /** Builds an {@link AttemptPolicy}; each setting may be given once. Not thread-safe. */
  public static final class Builder {
    private Limit pair = new Limit(5, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1));
    private Limit identifier = new Limit(10, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));
    private Limit address = new Limit(20, Duration.ofSeconds(60), Duration.ofMinutes(15), Duration.ofHours(1));
    private Set<AttemptScope> resetOnSuccess = Set.copyOf(EnumSet.of(AttemptScope.PAIR));
    private final EnumSet<Setting> given = EnumSet.noneOf(Setting.class);

    private enum Setting { PAIR, IDENTIFIER, ADDRESS, RESET }

    private Builder() {}

    /**
     * The pair's rule.
     *
     * @throws IllegalStateException if already set
     */
    public Builder pair(Limit limit) {
      once(Setting.PAIR);
      this.pair = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * The identifier's rule (applied only to addresses with failures of their own).
     *
     * @throws IllegalStateException if already set
     */
    public Builder identifier(Limit limit) {
      once(Setting.IDENTIFIER);
      this.identifier = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * The address's rule.
     *
     * @throws IllegalStateException if already set
     */
    public Builder address(Limit limit) {
      once(Setting.ADDRESS);
      this.address = Objects.requireNonNull(limit, "limit");
      return this;
    }

    /**
     * What a success clears; the pair by default.
     *
     * @throws IllegalStateException if already set
     */
    public Builder resetOnSuccess(Set<AttemptScope> scopes) {
      once(Setting.RESET);
      this.resetOnSuccess = Set.copyOf(scopes);
      return this;
    }

    private void once(Setting s) {
      if (!given.add(s)) {
        throw new IllegalStateException(s.name().toLowerCase(java.util.Locale.ROOT) + " was already set");
      }
    }

    public AttemptPolicy build() {
      return new AttemptPolicy(this);
    }
  }
}
