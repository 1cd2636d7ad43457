package dev.portcullis.store.cache;

import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import java.util.Arrays;
import java.util.Optional;

/**
 * Both account lookups through {@link Lookups}: by id (the owner behind every generated token) and
 * by the SHA-256 of the account's own API token. The SPI has no writes, so an operator who changes
 * an account publishes {@code new Invalidation(Kind.ACCOUNT, id)}; without one, the change is seen
 * within the TTL.
 */
final class CachingAccountStore implements AccountStore {
  /** A token hash as a map key (the array's content, not its identity); a private copy. */
  private static final class Hash {
    private final byte[] sha256;
    private final int hash;

    Hash(byte[] sha256) {
      this.sha256 = sha256.clone();
      this.hash = Arrays.hashCode(this.sha256);
    }

    @Override
    public boolean equals(Object o) {
      // not secret-dependent timing that matters: the key is already a digest of the token
      return o instanceof Hash h && Arrays.equals(sha256, h.sha256);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Hash[...]";
    }
  }

  private final AccountStore store;
  private final Lookups<String, Account> byId;
  private final Lookups<Hash, Account> byTokenHash;

  CachingAccountStore(AccountStore store, ReadCache settings) {
    this.store = store;
    this.byId = new Lookups<>(settings);
    this.byTokenHash = new Lookups<>(settings);
    settings.invalidations.subscribe(m -> {
      if (m.kind() == Invalidation.Kind.ACCOUNT) {
        byId.invalidate(m.id());
        byTokenHash.invalidateIf(k -> false, a -> a.id().equals(m.id()));
      } else if (m.kind() == Invalidation.Kind.ALL) {
        byId.invalidateAll();
        byTokenHash.invalidateAll();
      }
    });
  }

  @Override
  public Optional<Account> findByApiTokenHash(byte[] sha256) {
    return Optional.ofNullable(byTokenHash.get(new Hash(sha256), k -> store.findByApiTokenHash(k.sha256).orElse(null)));
  }

  @Override
  public Optional<Account> find(String accountId) {
    return Optional.ofNullable(byId.get(accountId, id -> store.find(id).orElse(null)));
  }

  @Override
  public String toString() {
    return "CachingAccountStore[" + store + "]";
  }
}
