package dev.portcullis.core.spi.oauth1;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where request and access tokens live (RFC 5849 §2).
 *
 * <p>State changes go through {@link #compareAndSet}, so that a request token and its verifier are
 * exchanged exactly once even when two exchanges race, and so that a JDBC store can implement it
 * as {@code UPDATE ... WHERE token = ? AND state = ? AND verifier_failures = ?}.
 *
 * <p>Implementations must be thread-safe and throw
 * {@link dev.portcullis.core.spi.StoreUnavailableException} when their storage cannot be reached.
 * The in-memory default is {@link dev.portcullis.core.memory.InMemoryOAuthTokenStore}.
 *
 * <pre>{@code
 * OAuthToken current = tokens.find("hh5s93j4hdidpola");
 * boolean mine = tokens.compareAndSet(current, current.withState(TokenState.USED));
 * }</pre>
 */
public interface OAuthTokenStore {

  /**
   * Stores a new token.
   *
   * @throws IllegalStateException if a token with the same value already exists
   */
  void save(OAuthToken token);

  /** The token with value {@code token}, or null. */
  @Nullable OAuthToken find(String token);

  /**
   * Replaces {@code expected} with {@code updated} if the stored token still has
   * {@code expected}'s state and verifier-failure count; atomic.
   *
   * @return whether the replacement happened
   * @throws IllegalArgumentException if the two name different token values
   */
  boolean compareAndSet(OAuthToken expected, OAuthToken updated);

  /** The access tokens {@code user} has granted, revoked ones included, oldest first. */
  List<OAuthToken> accessTokens(String user);

  /**
   * Revokes the token if {@code user} owns it (access tokens) or it is still a live request token of
   * that user; returns whether it was revoked now.
   */
  boolean revoke(String token, String user);

  /** Forgets tokens that expired before {@code now} or are spent; returns how many. */
  int purge(java.time.Instant now);
}
