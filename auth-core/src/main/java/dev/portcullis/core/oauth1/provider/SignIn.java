package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.spi.oauth1.UserDirectory;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The authorize page's sign-in: the throttle first (cheap), the directory's password check
 * (expensive: PBKDF2) only when it lets the attempt through, then the throttle told the result.
 * Thread-safe.
 */
final class SignIn {
  private final UserDirectory users;
  private final @Nullable LoginThrottle throttle;

  SignIn(UserDirectory users, @Nullable LoginThrottle throttle) {
    this.users = users;
    this.throttle = throttle;
  }

  UserDirectory users() {
    return users;
  }

  /** See {@link OAuthProvider#login}. */
  Login login(String username, char[] password) {
    if (throttle != null && throttle.blocked(username)) {
      return Login.THROTTLED;
    }
    Optional<String> user = users.authenticate(username, password);
    if (throttle != null) {
      if (user.isPresent()) {
        throttle.succeeded(username);
      } else {
        throttle.failed(username);
      }
    }
    return user.isPresent() ? Login.ok(user.get()) : Login.WRONG;
  }
}
