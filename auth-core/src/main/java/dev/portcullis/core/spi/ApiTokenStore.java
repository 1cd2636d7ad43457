package dev.portcullis.core.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps generated API tokens (as {@link ApiTokenRecord}s: hashes, never secrets), looked up by id.
 *
 * <p>{@link #save} and {@link #revoke} must be atomic: two saves with one id never both succeed,
 * and a revocation is never lost to a concurrent {@link #touch}. Implementations must be
 * thread-safe and throw {@link StoreUnavailableException} when their storage cannot be reached
 * (the token service then fails closed with 503). The in-memory default is
 * {@link dev.portcullis.core.memory.InMemoryApiTokenStore}.
 */
public interface ApiTokenStore {

  /**
   * Stores a new token.
   *
   * @return false, storing nothing, if a token with the same id exists
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  boolean save(ApiTokenRecord token);

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
