package dev.portcullis.core.oauth1.provider;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of a sign-in on the authorize page ({@link OAuthProvider#login}).
 *
 * @param status what happened
 * @param user the user id when {@code status} is {@link Status#OK}, else null
 * @param retryAfter when {@code status} is {@link Status#THROTTLED}, how long to wait (the
 *     {@code Retry-After} of the 429); else null
 */
public record Login(Status status, @Nullable String user, @Nullable Duration retryAfter) {
  /** Whether the login worked, was wrong, or was not even checked. */
  public enum Status {
    OK,
    /** Unknown user or wrong password; deliberately not told apart. */
    WRONG,
    /** Too many failed attempts for this username from this address, or from this address; the password was not checked. */
    THROTTLED
  }

  public Login {
    Objects.requireNonNull(status, "status");
    if ((status == Status.OK) != (user != null)) {
      throw new IllegalArgumentException("a user comes with OK, and only with OK");
    }
    if ((status == Status.THROTTLED) != (retryAfter != null)) {
      throw new IllegalArgumentException("a wait comes with THROTTLED, and only with THROTTLED");
    }
  }

  /** A login that is not throttled. */
  public Login(Status status, @Nullable String user) {
    this(status, user, null);
  }

  static Login ok(String user) {
    return new Login(Status.OK, user, null);
  }

  static Login throttled(Duration retryAfter) {
    return new Login(Status.THROTTLED, null, retryAfter);
  }

  static final Login WRONG = new Login(Status.WRONG, null, null);
}
