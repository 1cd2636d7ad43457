package dev.portcullis.core;

import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import org.jspecify.annotations.Nullable;

/**
 * One authentication attempt as the {@link Gate}'s throttle sees it: a scheme that has parsed its
 * credentials tells it who they claim to be, <em>before</em> verifying anything, and goes on only if
 * {@link #admit} says so. The gate records the outcome afterwards (a failed guess counts, a success
 * clears the pair), so a scheme never talks to the {@link AttemptLimiter} itself.
 *
 * <pre>{@code
 * public Outcome authenticate(AuthRequest request, String credentials, Attempt attempt) {
 *   Parsed p = parse(credentials);                       // cheap, no secret involved
 *   Outcome.Rejected throttled = attempt.admit(p.user());
 *   if (throttled != null) {
 *     return throttled;                                  // 429 before any PBKDF2 or HMAC
 *   }
 *   return verify(request, p);
 * }
 * }</pre>
 *
 * <p>Belongs to one request and one thread; not thread-safe.
 */
public final class Attempt {
  /** The attempt a gate without limiter and listener hands out: admits everything, remembers nothing. */
  static final Attempt UNLIMITED = new Attempt(null, "", false);

  private final Gate.@Nullable Throttle throttle;
  private final String address;
  private final boolean timed;
  private String realm = "";
  private @Nullable AttemptKey key;
  private @Nullable String identifier;
  private AttemptCounts counts = AttemptCounts.NONE;
  private boolean admitted;
  private Outcome.@Nullable Rejected refusal;
  private long started;
  private long nanos;

  Attempt(Gate.@Nullable Throttle throttle, String address, boolean timed) {
    this.throttle = throttle;
    this.address = address;
    this.timed = timed;
  }

  /**
   * Whether {@link #admit} would do anything with an identifier: false for the attempt a gate
   * without limiter and listener hands out, so a scheme can skip deriving one (a substring per
   * request on the hot path).
   */
  public boolean wantsIdentifier() {
    return this != UNLIMITED;
  }

  /**
   * Checks the attempt's record before its credentials are verified. A second call returns what
   * the first did.
   *
   * @param identifier who the credentials claim to be (a username, an API key, a consumer key, a
   *     token id), unverified and never a secret; null when they name nobody parseable
   * @return null to go ahead and verify; a {@link Reason#THROTTLED} rejection, to be returned as
   *     is, when earlier failures say to wait
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the limiter cannot be reached (the
   *     gate answers 503)
   */
  public Outcome.@Nullable Rejected admit(@Nullable String identifier) {
    if (this == UNLIMITED || admitted) {
      return refusal;
    }
    admitted = true;
    this.identifier = identifier;
    Gate.Throttle t = throttle;
    if (t == null) {
      return null; // events only: remember the identifier, check nothing
    }
    AttemptKey k = new AttemptKey(realm, identifier, address);
    key = k;
    counts = t.limiter.counts(k);
    if (counts == AttemptCounts.NONE) {
      return null; // the usual case: nothing on record
    }
    long wait = t.policy.retryAfterMillis(counts, t.clock.millis());
    if (wait <= 0) {
      return null;
    }
    refusal = Outcome.Rejected.throttled(realm, (wait + 999) / 1000);
    return refusal;
  }

  /** Starts the attempt for one scheme (the gate may try several for unannounced credentials). */
  void begin(String schemeName) {
    if (this == UNLIMITED) {
      return;
    }
    realm = schemeName;
    key = null;
    identifier = null;
    counts = AttemptCounts.NONE;
    admitted = false;
    refusal = null;
    if (timed) {
      started = System.nanoTime();
    }
  }

  /** Records the outcome: a failed guess counts, a success clears what the policy says. */
  void settle(Outcome outcome) {
    if (this == UNLIMITED) {
      return;
    }
    if (timed) {
      nanos = System.nanoTime() - started;
    }
    Gate.Throttle t = throttle;
    if (t == null || refusal != null) {
      return;
    }
    if (outcome instanceof Outcome.Rejected r) {
      if (r.reason().isFailedGuess()) {
        // a scheme that never called admit is still counted, by address
        AttemptKey k = key != null ? key : new AttemptKey(realm, null, address);
        t.limiter.recordFailure(k, t.policy.windows());
      }
    } else if (outcome instanceof Outcome.Authenticated && key != null && t.policy.resetNeeded(counts)) {
      t.limiter.reset(key, t.policy.resetOnSuccess());
    }
  }

  /** What the credentials claimed to be, once {@link #admit} was called; for events. */
  @Nullable String identifier() {
    return identifier;
  }

  /** The client address after trusted-proxy resolution. */
  String address() {
    return address;
  }

  /** How long the scheme ran, when timed. */
  long nanos() {
    return nanos;
  }
}
