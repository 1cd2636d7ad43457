package dev.portcullis.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps generated API tokens (as {@link ApiTokenRecord}s: hashes, never secrets), looked up by id.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe, and every method throws
 * {@link StoreUnavailableException} when the storage cannot be reached, never an empty answer for
 * an outage (the token service then fails closed with 503).
 * <ul>
 *   <li>{@link #save(ApiTokenRecord, int, Instant)} is atomic per account: the duplicate-id check,
 *       the count of the account's live tokens and the insert are one step, so two racing saves can
 *       never together exceed the limit. A duplicate id gets {@link Saved#DUPLICATE_ID}, a full
 *       account {@link Saved#LIMIT_REACHED}; neither stores anything, neither throws.
 *   <li>{@link #revoke} and {@link #touch} are atomic per token: a revocation is never lost to a
 *       concurrent touch, and a touch never un-revokes or moves the time back.
 *   <li>Nothing expires by itself: expired and revoked tokens stay listed (the service shows them as
 *       such) until the account's owner deletes them by other means; {@link #find} returns them.
 * </ul>
 *
 * <p>The in-memory default is {@link dev.portcullis.core.memory.InMemoryApiTokenStore}; the
 * test-support module's {@code ApiTokenStoreContract} checks an implementation against this.
 */
public interface ApiTokenStore {

  /** What {@link #save(ApiTokenRecord, int, Instant)} did. */
  enum Saved {
    /** The token was stored. */
    SAVED,
    /** A token with the same id exists; nothing was stored. */
    DUPLICATE_ID,
    /** The account already has the most live tokens allowed; nothing was stored. */
    LIMIT_REACHED
  }

  /**
   * Stores a new token unless its id is taken or its account already holds {@code maxLive} live
   * tokens (not revoked, and not expired at {@code now}); atomic per account.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   * @throws IllegalArgumentException if {@code maxLive} is below 1
   */
  Saved save(ApiTokenRecord token, int maxLive, Instant now);

  /**
   * Stores a new token with no per-account limit.
   *
   * @return false, storing nothing, if a token with the same id exists
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  default boolean save(ApiTokenRecord token) {
    return save(token, Integer.MAX_VALUE, token.createdAt()) == Saved.SAVED;
  }

  /**
   * The token with this id, revoked or expired ones included.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  Optional<ApiTokenRecord> find(String id);

  /**
   * Every token of {@code account}, revoked and expired ones included, oldest first.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  List<ApiTokenRecord> findByAccount(String account);

  /**
   * Marks the token revoked, if it exists, belongs to {@code account} and is not revoked yet.
   *
   * @return whether this call revoked it
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  boolean revoke(String account, String id);

  /**
   * Records that the token authenticated a request at {@code usedAt}; never moves the time back and
   * never un-revokes. A missing token is ignored.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  void touch(String id, Instant usedAt);
}
