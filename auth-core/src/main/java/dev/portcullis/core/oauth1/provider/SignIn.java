package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.AttemptPolicy;
import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorize page's sign-in, under the same {@link AttemptPolicy} the gate applies to every
 * scheme, in the realm {@value #REALM}: the limiter's counters first (one cheap read), the
 * directory's password check (expensive: PBKDF2) only when the policy lets the attempt through,
 * then one atomic write of a failure, or a reset of what the policy says after a success. A
 * throttled attempt is neither checked nor counted. Public so that every page that signs users in
 * with a password (the authorize pages, the self-service console) does it the one way. Thread-safe.
 *
 * <pre>{@code
 * SignIn signIn = new SignIn(directory, limiter, AttemptPolicy.defaults(), clock);
 * Login login = signIn.login(username, password, clientAddress);   // OK, WRONG or THROTTLED
 * }</pre>
 */
public final class SignIn {
  /** The {@link AttemptKey#realm()} of password sign-ins. */
  public static final String REALM = "login";

  private final UserDirectory users;
  private final AttemptLimiter limiter;
  private final AttemptPolicy policy;
  private final Clock clock;

  /**
   * Signs users of {@code users} in under {@code policy}, counting failures in {@code limiter}.
   *
   * @throws NullPointerException if an argument is null
   */
  public SignIn(UserDirectory users, AttemptLimiter limiter, AttemptPolicy policy, Clock clock) {
    this.users = Objects.requireNonNull(users, "users");
    this.limiter = Objects.requireNonNull(limiter, "limiter");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The directory whose passwords this checks. */
  public UserDirectory users() {
    return users;
  }

  /**
   * Checks {@code password} for {@code username} coming from {@code clientAddress} (after
   * trusted-proxy resolution): throttled before any PBKDF2 work when the policy says so.
   *
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the limiter cannot be reached
   */
  public Login login(String username, char[] password, String clientAddress) {
    Objects.requireNonNull(username, "username");
    AttemptKey key = new AttemptKey(REALM, username, Objects.requireNonNull(clientAddress, "clientAddress"));
    AttemptCounts before = limiter.counts(key);
    long waitMillis = policy.retryAfterMillis(before, clock.millis());
    if (waitMillis > 0) {
      // whole seconds for Retry-After, rounded up so that a client waiting that long gets in
      return Login.throttled(Duration.ofSeconds((waitMillis + 999) / 1000));
    }
    Optional<String> user = users.authenticate(username, password);
    if (user.isEmpty()) {
      limiter.recordFailure(key, policy.windows());
      return Login.WRONG;
    }
    if (policy.resetNeeded(before)) {
      // nothing to clear on the usual clean success: the common path stays one round trip
      limiter.reset(key, policy.resetOnSuccess());
    }
    return Login.ok(user.get());
  }
}
