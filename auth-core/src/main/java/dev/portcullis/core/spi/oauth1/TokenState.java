package dev.portcullis.core.spi.oauth1;

/**
 * The life cycle of an {@link OAuthToken}.
 *
 * <p>Request tokens go {@code PENDING -> AUTHORIZED -> USED} (or {@code REVOKED} when the user
 * denies or too many wrong verifiers were tried). Access tokens are {@code AUTHORIZED} from birth
 * and end {@code REVOKED}.
 */
public enum TokenState {
  /** Issued, not yet approved by a user. */
  PENDING,
  /** Approved by a user (request token) or live (access token). */
  AUTHORIZED,
  /** A request token already exchanged for an access token. */
  USED,
  /** Withdrawn; never valid again. */
  REVOKED
}
