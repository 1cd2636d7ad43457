package dev.portcullis.store.cache;

import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@link ApiTokenStore#find} through a {@link Lookups}; everything else passes through. */
final class CachingApiTokenStore implements ApiTokenStore {
  private final ApiTokenStore store;
  private final Invalidations channel;
  private final Lookups<String, ApiTokenRecord> byId;
  // made once: a lambda capturing the store per lookup would be garbage on every request
  private final Function<String, ApiTokenRecord> load;

  CachingApiTokenStore(ApiTokenStore store, ReadCache settings) {
    this.store = store;
    this.channel = settings.invalidations;
    this.byId = new Lookups<>(settings);
    this.load = k -> store.find(k).orElse(null);
    Lookups.follow(channel, Invalidation.Kind.API_TOKEN, byId);
  }

  @Override
  public Saved save(ApiTokenRecord token, int maxLive, Instant now) {
    Saved saved = store.save(token, maxLive, now);
    if (saved == Saved.SAVED) {
      changed(token.id()); // drops a cached "not found" on every node
    }
    return saved;
  }

  @Override
  public Optional<ApiTokenRecord> find(String id) {
    return Optional.ofNullable(byId.get(id, load));
  }

  @Override
  public List<ApiTokenRecord> findByAccount(String account) {
    return store.findByAccount(account); // a listing for the owner: always fresh
  }

  @Override
  public boolean revoke(String account, String id) {
    boolean revoked = store.revoke(account, id);
    if (revoked) {
      changed(id);
    }
    return revoked;
  }

  @Override
  public void touch(String id, Instant usedAt) {
    store.touch(id, usedAt);
    // keep the cached copy's last use current, or the token service would touch on every request
    // of the TTL; never moves it back, never un-revokes (the record keeps its own revoked flag)
    byId.updateIfPresent(id, r -> r.lastUsedAt() == null || r.lastUsedAt().isBefore(usedAt)
        ? r.withLastUsedAt(usedAt) : r);
  }

  private void changed(String id) {
    Lookups.changed(byId, channel, Invalidation.Kind.API_TOKEN, id);
  }

  long cachedEntries() {
    return byId.size();
  }

  @Override
  public String toString() {
    return "CachingApiTokenStore[" + store + "]";
  }
}
