package dev.portcullis.core.oauth1.provider;

import org.jspecify.annotations.Nullable;

/**
 * The result of a sign-in on the authorize page ({@link OAuthProvider#login}).
 *
 * @param status what happened
 * @param user the user id when {@code status} is {@link Status#OK}, else null
 */
public record Login(Status status, @Nullable String user) {
  /** Whether the login worked, was wrong, or was not even checked. */
  public enum Status {
    OK,
    /** Unknown user or wrong password; deliberately not told apart. */
    WRONG,
    /** Too many attempts for this username in the current window; the password was not checked. */
    THROTTLED
  }

  static Login ok(String user) {
    return new Login(Status.OK, user);
  }

  static final Login WRONG = new Login(Status.WRONG, null);
  static final Login THROTTLED = new Login(Status.THROTTLED, null);
}
