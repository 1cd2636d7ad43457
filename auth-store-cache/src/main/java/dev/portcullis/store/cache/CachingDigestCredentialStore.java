package dev.portcullis.store.cache;

import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import org.jspecify.annotations.Nullable;

/**
 * Both Digest lookups through {@link Lookups}. HA1 bytes are kept as a private copy and handed out
 * as a fresh one each time, since the caller may overwrite (zero) what it gets.
 */
final class CachingDigestCredentialStore implements DigestCredentialStore {
  private record Key(String name, String realm, DigestAlgorithm algorithm) {}

  private final DigestCredentialStore store;
  private final Lookups<Key, byte[]> ha1s;
  private final Lookups<Key, String> userhashes;

  CachingDigestCredentialStore(DigestCredentialStore store, ReadCache settings) {
    this.store = store;
    this.ha1s = new Lookups<>(settings);
    this.userhashes = new Lookups<>(settings);
    settings.invalidations.subscribe(m -> {
      if (m.kind() == Invalidation.Kind.DIGEST_USER) {
        ha1s.invalidateIf(k -> k.name().equals(m.id()), v -> false);
        userhashes.invalidateIf(k -> false, user -> user.equals(m.id()));
      } else if (m.kind() == Invalidation.Kind.ALL) {
        ha1s.invalidateAll();
        userhashes.invalidateAll();
      }
    });
  }

  @Override
  public byte @Nullable [] ha1(String username, String realm, DigestAlgorithm algorithm) {
    byte[] kept = ha1s.get(new Key(username, realm, algorithm), k -> {
      byte[] fresh = store.ha1(k.name(), k.realm(), k.algorithm());
      return fresh == null ? null : fresh.clone();
    });
    return kept == null ? null : kept.clone();
  }

  @Override
  public @Nullable String usernameForHash(String userhash, String realm, DigestAlgorithm algorithm) {
    return userhashes.get(new Key(userhash, realm, algorithm),
        k -> store.usernameForHash(k.name(), k.realm(), k.algorithm()));
  }

  @Override
  public String toString() {
    return "CachingDigestCredentialStore[" + store + "]";
  }
}
