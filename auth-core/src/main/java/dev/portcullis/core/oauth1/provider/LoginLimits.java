package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AttemptScope;
import dev.portcullis.core.spi.AttemptWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The authorize page's sign-in policy over an {@link AttemptLimiter}'s three counters, chosen so
 * an attacker cannot turn it against a victim (issue 9 §2):
 *
 * <ul>
 *   <li><b>pair</b> (this username from this address): blocked after {@code pairLimit} failures
 *       until the counter's window has passed since the latest one: the guesser of one password;
 *   <li><b>address</b> (this address, any username): blocked after {@code addressLimit} failures:
 *       one client spraying a password over many usernames, each try of which would cost a PBKDF2;
 *   <li><b>identifier</b> (this username, any address): never a lock. Once it holds
 *       {@code identifierSlowAfter} failures, an address that has itself failed this username waits
 *       {@code identifierWait} after its latest failure; an address with no failure of its own (the
 *       real user at home) signs in at once, so nobody can lock a user out by guessing.
 * </ul>
 *
 * <p>A success resets the pair only: resetting the address would let a sprayer wipe his record by
 * signing into an account of his own, resetting the identifier would hide a distributed attack.
 * A refused (throttled) attempt is not counted, and checks no password.
 *
 * <p>Defaults: pair 5 per 15 minutes, address 20 per 15 minutes, identifier slowed after 20
 * failures within an hour to one try per 30 seconds.
 *
 * <pre>{@code
 * LoginLimits limits = LoginLimits.builder().pair(5, Duration.ofMinutes(15)).build();
 * Duration wait = limits.retryAfter(limiter.counts(key), clock.instant()); // null: go ahead
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class LoginLimits {
  /** The {@code realm} of the authorize pages' {@link dev.portcullis.core.spi.AttemptKey}s. */
  public static final String REALM = "login";
  private static final Set<AttemptScope> RESET_ON_SUCCESS = Set.copyOf(EnumSet.of(AttemptScope.PAIR));

  private final int pairLimit;
  private final int addressLimit;
  private final int identifierSlowAfter;
  private final Duration identifierWait;
  private final AttemptWindows windows;

  private LoginLimits(Builder b) {
    this.pairLimit = b.pairLimit;
    this.addressLimit = b.addressLimit;
    this.identifierSlowAfter = b.identifierSlowAfter;
    this.identifierWait = b.identifierWait;
    this.windows = new AttemptWindows(b.pairWindow, b.identifierWindow, b.addressWindow);
  }

  /** The defaults above. */
  public static LoginLimits defaults() {
    return builder().build();
  }

  /** A new builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The windows to record failures with. */
  public AttemptWindows windows() {
    return windows;
  }

  /** What a successful sign-in clears: the pair only. */
  public Set<AttemptScope> resetOnSuccess() {
    return RESET_ON_SUCCESS;
  }

  /**
   * How long this attempt must wait, or null when it may go ahead and have its password checked.
   *
   * @param counts the key's counters as the limiter read them, before any password is checked
   * @param now the provider's clock
   */
  public @Nullable Duration retryAfter(AttemptCounts counts, Instant now) {
    long nowMs = now.toEpochMilli();
    long until = 0;
    if (counts.pair().failures() >= pairLimit) {
      until = Math.max(until, counts.pair().expiresAtMillis());
    }
    if (counts.address().failures() >= addressLimit) {
      until = Math.max(until, counts.address().expiresAtMillis());
    }
    if (counts.identifier().failures() >= identifierSlowAfter && counts.pair().failures() > 0) {
      // the pair's expiry is its latest failure plus its window
      long lastOwnFailure = counts.pair().expiresAtMillis() - windows.pair().toMillis();
      until = Math.max(until, lastOwnFailure + identifierWait.toMillis());
    }
    if (until <= nowMs) {
      return null;
    }
    // whole seconds for Retry-After, rounded up so that a client waiting that long gets in
    return Duration.ofSeconds((until - nowMs + 999) / 1000);
  }

  @Override
  public String toString() {
    return "LoginLimits[pair=" + pairLimit + "/" + windows.pair() + ", address=" + addressLimit + "/"
        + windows.address() + ", identifier slowed after " + identifierSlowAfter + "/" + windows.identifier()
        + " to one try per " + identifierWait + "]";
  }

  /**
   * Builds {@link LoginLimits}. Each setter throws {@link IllegalStateException} when its setting was
   * already given, and {@link IllegalArgumentException} for a limit below 1 or a window or wait
   * shorter than one second. Not thread-safe.
   */
  public static final class Builder {
    private int pairLimit = 5;
    private Duration pairWindow = Duration.ofMinutes(15);
    private int addressLimit = 20;
    private Duration addressWindow = Duration.ofMinutes(15);
    private int identifierSlowAfter = 20;
    private Duration identifierWindow = Duration.ofHours(1);
    private Duration identifierWait = Duration.ofSeconds(30);
    private final Set<String> given = new HashSet<>();

    private Builder() {}

    /** Failures of one username from one address before that pair is blocked, and their window. */
    public Builder pair(int limit, Duration window) {
      once("pair");
      this.pairLimit = limit(limit);
      this.pairWindow = window(window);
      return this;
    }

    /** Failures from one address, any username, before the address is blocked, and their window. */
    public Builder address(int limit, Duration window) {
      once("address");
      this.addressLimit = limit(limit);
      this.addressWindow = window(window);
      return this;
    }

    /**
     * Failures of one username, any address, after which addresses that failed it themselves wait
     * {@code wait} between tries, and the window they are counted in.
     */
    public Builder identifier(int slowAfter, Duration window, Duration wait) {
      once("identifier");
      this.identifierSlowAfter = limit(slowAfter);
      this.identifierWindow = window(window);
      this.identifierWait = window(wait);
      return this;
    }

    public LoginLimits build() {
      return new LoginLimits(this);
    }

    private void once(String setting) {
      if (!given.add(setting)) {
        throw new IllegalStateException(setting + " was already set");
      }
    }

    private static int limit(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("a limit must be at least 1");
      }
      return n;
    }

    private static Duration window(Duration d) {
      if (Objects.requireNonNull(d, "duration").compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("windows and waits must be at least one second");
      }
      return d;
    }
  }
}
