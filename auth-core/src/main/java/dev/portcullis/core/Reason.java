package dev.portcullis.core;

/**
 * Why a request was refused. Each reason carries its HTTP status, a wire code and a public message
 * that never contains a secret.
 *
 * <p>Reasons that must look alike to a client (an unknown user, a disabled API key and a wrong
 * password) share one {@link #code()} and one {@link #message()}; only the enum constant, which
 * stays on the server for metrics and logs, tells them apart.
 */
public enum Reason {
  // Request shape (any scheme)
  MALFORMED_REQUEST(400, "invalid_request", "The request could not be parsed."),
  MALFORMED_HEADER(400, "invalid_request", "The Authorization header could not be parsed."),
  DUPLICATE_CREDENTIALS(400, "invalid_request", "The request carries more than one set of credentials."),
  UNSUPPORTED_SCHEME(401, "unsupported_scheme", "The authentication scheme is not accepted here."),
  HTTPS_REQUIRED(403, "https_required", "HTTPS is required for this endpoint."),
  BODY_TOO_LARGE(413, "body_too_large", "The request body is too large to authenticate."),
  UNAVAILABLE(503, "temporarily_unavailable", "Authentication is temporarily unavailable."),
  /** Too many failed attempts: refused with 429 and {@code Retry-After} before anything was verified. */
  THROTTLED(429, "too_many_attempts", "Too many failed attempts; retry after the time in Retry-After."),

  // Username/password style credentials (Basic, Digest): deliberately indistinguishable on the wire
  CREDENTIALS_INVALID(401, "invalid_credentials", "The credentials are not valid."),
  USER_UNKNOWN(401, "invalid_credentials", "The credentials are not valid."),
  APPLICATION_UNKNOWN(401, "invalid_credentials", "The credentials are not valid."),
  APPLICATION_DISABLED(401, "invalid_credentials", "The credentials are not valid."),

  // API tokens
  TOKEN_MALFORMED(401, "invalid_token", "The token is malformed."),
  TOKEN_UNKNOWN(401, "invalid_token", "The token is not valid."),
  TOKEN_REVOKED(401, "invalid_token", "The token is not valid."),
  TOKEN_EXPIRED(401, "invalid_token", "The token has expired."),
  PASSWORD_NOT_EMPTY(401, "invalid_credentials", "Send the API token as the username with an empty password."),

  // HTTP Digest
  STALE_NONCE(401, "stale_nonce", "The nonce has expired; retry with the new challenge."),
  NONCE_INVALID(401, "invalid_nonce", "The nonce is not one this server issued."),
  NONCE_REPLAYED(401, "nonce_replayed", "The nonce count was already used."),
  URI_MISMATCH(400, "invalid_request", "The digest uri does not match the request target."),
  REALM_MISMATCH(401, "invalid_credentials", "The credentials are not valid."),
  ALGORITHM_NOT_OFFERED(400, "invalid_request", "The digest algorithm was not offered."),
  QOP_REQUIRED(400, "invalid_request", "The digest response must use a qop."),

  // OAuth 1.0a: codes are the oauth_problem values of the OAuth Problem Reporting extension
  SIGNATURE_INVALID(401, "signature_invalid", "The signature is not valid."),
  SIGNATURE_METHOD_REJECTED(401, "signature_method_rejected", "The signature method is not accepted."),
  TIMESTAMP_REFUSED(401, "timestamp_refused", "The timestamp is outside the accepted window."),
  NONCE_USED(401, "nonce_used", "The nonce was already used."),
  TOKEN_REJECTED(401, "token_rejected", "The token is not valid."),
  OAUTH_TOKEN_EXPIRED(401, "token_expired", "The token has expired."),
  TOKEN_USED(401, "token_used", "The token was already used."),
  CONSUMER_KEY_UNKNOWN(401, "consumer_key_unknown", "The consumer key is not valid."),
  CONSUMER_KEY_REJECTED(401, "consumer_key_rejected", "The consumer key is not accepted."),
  PARAMETER_ABSENT(401, "parameter_absent", "A required OAuth parameter is missing."),
  PARAMETER_REJECTED(400, "parameter_rejected", "An OAuth parameter is not accepted."),
  VERSION_REJECTED(400, "version_rejected", "The OAuth version is not supported."),
  VERIFIER_INVALID(401, "verifier_invalid", "The verifier is not valid."),
  BODY_HASH_INVALID(401, "body_hash_invalid", "The body hash does not match the body."),
  CALLBACK_REJECTED(400, "parameter_rejected", "The callback is not registered for this consumer.");

  private final int status;
  private final String code;
  private final String message;

  Reason(int status, String code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  /**
   * Whether this refusal is a failed guess the {@link AttemptPolicy} counts: credentials that were
   * checked against a secret and did not match, or named nobody. Protocol slips that a legitimate
   * client makes in the normal course (a stale nonce, a timestamp out of window, a malformed
   * header, a replay after a verified signature) do not count, so they never throttle anybody.
   */
  public boolean isFailedGuess() {
    switch (this) {
      case CREDENTIALS_INVALID:
      case USER_UNKNOWN:
      case APPLICATION_UNKNOWN:
      case APPLICATION_DISABLED:
      case TOKEN_MALFORMED:
      case TOKEN_UNKNOWN:
      case TOKEN_REVOKED:
      case TOKEN_EXPIRED:
      case NONCE_INVALID:
      case SIGNATURE_INVALID:
      case TOKEN_REJECTED:
      case CONSUMER_KEY_UNKNOWN:
      case CONSUMER_KEY_REJECTED:
      case VERIFIER_INVALID:
        return true;
      default:
        return false;
    }
  }

  /** The HTTP status: 400 for a malformed request, 401 for refused credentials, 403/413/429/503 otherwise. */
  public int status() {
    return status;
  }

  /** The wire code (the JSON body's {@code error}, the OAuth {@code oauth_problem}). */
  public String code() {
    return code;
  }

  /** A public message, safe for any client to read. */
  public String message() {
    return message;
  }
}
