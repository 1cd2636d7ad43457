package dev.portcullis.core.spi;

import java.util.Optional;

/**
 * Finds accounts by id and by the SHA-256 hash of their own ("legacy") API token.
 *
 * <p>An account's API token is a fixed string chosen by the account; the store never holds it, only
 * {@code SHA-256(UTF-8 bytes of the token)}. Because the lookup key is a digest of the secret, a
 * hash-table lookup reveals through its timing nothing useful about the token itself.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe.
 * <ul>
 *   <li>Both methods are plain reads: nothing here writes, nothing expires by itself, and concurrent
 *       lookups all see the same accounts.
 *   <li>An id names at most one account and so does a token hash: a store refuses to hold two
 *       accounts with one id or with one API token (the in-memory builder throws
 *       {@link IllegalArgumentException}, without naming the token or the other account).
 *   <li>Ids are matched exactly (no case folding, no trimming); the token hash is
 *       {@code SHA-256(UTF-8 bytes of the token)}. A hash of the wrong length, or of no account's
 *       token, is simply not found: an empty answer, never an exception.
 *   <li>A lookup neither changes nor keeps the caller's array; an answered {@link Account} is a value
 *       the caller cannot change the store through.
 *   <li>When the storage cannot be reached both methods throw {@link StoreUnavailableException},
 *       never answer "not found" for an outage (the token schemes then fail closed with 503).
 * </ul>
 *
 * <p>The in-memory default is {@link dev.portcullis.core.memory.InMemoryAccountStore}; the
 * test-support module's {@code AccountStoreContract} checks an implementation against this.
 */
public interface AccountStore {

  /**
   * The account whose API token hashes to {@code sha256}.
   *
   * @param sha256 the 32-byte SHA-256 digest of the presented token's UTF-8 bytes
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  Optional<Account> findByApiTokenHash(byte[] sha256);

  /**
   * The account with this id.
   *
   * @throws StoreUnavailableException if the storage cannot be reached
   */
  Optional<Account> find(String accountId);
}
