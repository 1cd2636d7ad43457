package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.spi.AttemptCounts;
import dev.portcullis.core.spi.AttemptKey;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorize page's sign-in: the limiter's counters first (one cheap read), the directory's
 * password check (expensive: PBKDF2) only when {@link LoginLimits} lets the attempt through, then
 * one atomic write of the result. Thread-safe.
 */
final class SignIn {
  private final UserDirectory users;
  private final AttemptLimiter limiter;
  private final LoginLimits limits;
  private final Clock clock;

  SignIn(UserDirectory users, AttemptLimiter limiter, LoginLimits limits, Clock clock) {
    this.users = users;
    this.limiter = limiter;
    this.limits = limits;
    this.clock = clock;
  }

  UserDirectory users() {
    return users;
  }

  /** See {@link OAuthProvider#login}. */
  Login login(String username, char[] password, String clientAddress) {
    Objects.requireNonNull(username, "username");
    AttemptKey key = new AttemptKey(LoginLimits.REALM, username, Objects.requireNonNull(clientAddress, "clientAddress"));
    AttemptCounts before = limiter.counts(key);
    Duration wait = limits.retryAfter(before, clock.instant());
    if (wait != null) {
      return Login.throttled(wait);
    }
    Optional<String> user = users.authenticate(username, password);
    if (user.isEmpty()) {
      limiter.recordFailure(key, limits.windows());
      return Login.WRONG;
    }
    if (before.pair().failures() > 0) {
      // nothing to clear on the usual first-time success: the common path stays one round trip
      limiter.reset(key, limits.resetOnSuccess());
    }
    return Login.ok(user.get());
  }
}
