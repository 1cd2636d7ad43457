package dev.portcullis.core.spi;

import java.util.Optional;

/**
 * Finds accounts by id and by the SHA-256 hash of their own ("legacy") API token.
 *
 * <p>An account's API token is a fixed string chosen by the account; the store never holds it, only
 * {@code SHA-256(UTF-8 bytes of the token)}. Because the lookup key is a digest of the secret, a
 * hash-table lookup reveals through its timing nothing useful about the token itself.
 *
 * <p><b>Contract.</b> Implementations must be thread-safe; both methods are plain reads (nothing
 * expires, nothing here writes), and both throw {@link StoreUnavailableException} when the storage
 * cannot be reached, never answer "not found" for an outage. The in-memory default is
 * {@link dev.portcullis.core.memory.InMemoryAccountStore}.
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
