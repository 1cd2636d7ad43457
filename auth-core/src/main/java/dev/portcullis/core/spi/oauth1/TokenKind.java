package dev.portcullis.core.spi.oauth1;

/**
 * Which token a request is signed with (RFC 5849 §2): none at the request-token endpoint, a
 * temporary (request) token at the access-token endpoint, an access token on protected resources.
 */
public enum TokenKind {
  /** No token: {@code oauth_token} absent or empty; {@code oauth_callback} required (§2.1). */
  NONE,
  /** A request (temporary) token; {@code oauth_verifier} required (§2.3). */
  REQUEST,
  /** An access (token) credential (§3). */
  ACCESS
}
