package dev.portcullis.core.spi.oauth1;

import dev.portcullis.core.spi.Maintainable;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where request and access tokens live (RFC 5849 §2).
 *
 * <p>State changes go through {@link #compareAndSet}, so that a request token and its verifier are
 * exchanged exactly once even when two exchanges race, and so that a JDBC store can implement it
 * as {@code UPDATE ... WHERE token = ? AND state = ? AND verifier_failures = ?}.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe, and every method throws
 * {@link dev.portcullis.core.spi.StoreUnavailableException} when the storage cannot be reached,
 * never "not found" for an outage (the request then fails closed with 503).
 * <ul>
 *   <li>{@link #save} is atomic: of two saves with one token value exactly one returns true; the
 *       duplicate returns false and stores nothing (it does not throw).
 *   <li>{@link #compareAndSet} and {@link #revoke} are atomic per token: a request token is spent
 *       once, and a revocation is never lost to a concurrent state change.
 *   <li>{@link #find} returns expired and spent tokens too (the verifier checks
 *       {@link OAuthToken#isExpired} and the state itself); the store forgets them only in
 *       {@link #purgeExpired}, which maintenance runs off the request path
 *       ({@link dev.portcullis.core.spi.StoreMaintenance}).
 * </ul>
 *
 * <p>The in-memory default is {@link dev.portcullis.core.memory.InMemoryOAuthTokenStore}; the
 * test-support module's {@code OAuthTokenStoreContract} checks an implementation against this.
 *
 * <pre>{@code
 * OAuthToken current = tokens.find("hh5s93j4hdidpola");
 * boolean mine = tokens.compareAndSet(current, current.withState(TokenState.USED));
 * }</pre>
 */
public interface OAuthTokenStore extends Maintainable {

  /**
   * Stores a new token.
   *
   * @return false, storing nothing, if a token with the same value exists
   */
  boolean save(OAuthToken token);

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

  /**
   * Forgets tokens that expired at or before {@code now}, and request tokens that are spent (used or
   * revoked); returns how many. Access tokens that are revoked but unexpired stay listed.
   */
  @Override
  int purgeExpired(Instant now);
}
