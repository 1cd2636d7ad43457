package dev.portcullis.store.cache;

import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.TokenKind;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@link OAuthTokenStore#find} through {@link Lookups} for access tokens only; every write passes
 * through and drops the token on every node. Request tokens are never kept: their state moves
 * (authorized on one node, exchanged on another) and a node must read it fresh. "Not found" is never
 * kept either, since a request token not found yet may be saved in a moment.
 */
final class CachingOAuthTokenStore implements OAuthTokenStore {
  private final OAuthTokenStore store;
  private final Invalidations channel;
  private final Lookups<String, OAuthToken> access;

  CachingOAuthTokenStore(OAuthTokenStore store, ReadCache settings) {
    this.store = store;
    this.channel = settings.invalidations;
    this.access = new Lookups<>(settings, false);
    Lookups.follow(channel, Invalidation.Kind.OAUTH_TOKEN, access);
  }

  @Override
  public @Nullable OAuthToken find(String token) {
    OAuthToken hit = access.getIfPresent(token);
    if (hit != null) {
      return hit;
    }
    OAuthToken[] request = new OAuthToken[1];
    OAuthToken found = access.get(token, t -> {
      OAuthToken f = store.find(t);
      if (f != null && f.kind() != TokenKind.ACCESS) {
        request[0] = f; // handed to the caller, not kept
        return null;
      }
      return f;
    });
    return found != null ? found : request[0];
  }

  @Override
  public boolean save(OAuthToken token) {
    boolean saved = store.save(token);
    if (saved) {
      changed(token.token());
    }
    return saved;
  }

  @Override
  public boolean compareAndSet(OAuthToken expected, OAuthToken updated) {
    boolean done = store.compareAndSet(expected, updated);
    if (done) {
      changed(updated.token());
    }
    return done;
  }

  @Override
  public List<OAuthToken> accessTokens(String user) {
    return store.accessTokens(user);
  }

  @Override
  public boolean revoke(String token, String user) {
    boolean revoked = store.revoke(token, user);
    if (revoked) {
      changed(token);
    }
    return revoked;
  }

  /**
   * Purges in the store; the verifier refuses an expired token it finds anyway, and a purged one
   * leaves the cache within its TTL, so nothing is broadcast; local entries go at once.
   */
  @Override
  public int purgeExpired(Instant now) {
    int purged = store.purgeExpired(now);
    if (purged > 0) {
      access.invalidateAll();
    }
    return purged;
  }

  private void changed(String token) {
    Lookups.changed(access, channel, Invalidation.Kind.OAUTH_TOKEN, token);
  }

  @Override
  public String toString() {
    return "CachingOAuthTokenStore[" + store + "]";
  }
}
