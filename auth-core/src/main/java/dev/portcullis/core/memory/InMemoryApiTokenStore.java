package dev.portcullis.core.memory;

import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ApiTokenStore} for one node, in memory; tokens are lost on restart.
 *
 * <p>Thread-safe. {@link #save(ApiTokenRecord, int, Instant)} is atomic per account (one lock per
 * account around count and insert); {@link #revoke} and {@link #touch} are atomic per token
 * ({@link ConcurrentHashMap} compute semantics), so a revocation racing a last-used update is never
 * undone. Listing an account scans every token: fine for the embedded default, use a database-backed
 * store for many thousands of tokens.
 *
 * <pre>{@code
 * TokenService tokens = TokenService.builder()
 *     .tokenStore(new InMemoryApiTokenStore())
 *     .accounts(accounts)
 *     .allowedScopes(Set.of("items", "facets"))
 *     .build();
 * }</pre>
 */
public final class InMemoryApiTokenStore implements ApiTokenStore {
  private final ConcurrentHashMap<String, ApiTokenRecord> tokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> accountLocks = new ConcurrentHashMap<>();

  @Override
  public Saved save(ApiTokenRecord token, int maxLive, Instant now) {
    if (maxLive < 1) {
      throw new IllegalArgumentException("maxLive must be positive");
    }
    // one lock per account makes count-then-insert a single step; saves are rare (administration)
    Object lock = accountLocks.computeIfAbsent(token.account(), k -> new Object());
    synchronized (lock) {
      if (tokens.containsKey(token.id())) {
        return Saved.DUPLICATE_ID;
      }
      if (maxLive != Integer.MAX_VALUE) {
        int live = 0;
        for (ApiTokenRecord r : tokens.values()) {
          if (r.account().equals(token.account()) && !r.revoked()
              && (r.expiresAt() == null || now.isBefore(r.expiresAt()))) {
            live++;
          }
        }
        if (live >= maxLive) {
          return Saved.LIMIT_REACHED;
        }
      }
      return tokens.putIfAbsent(token.id(), token) == null ? Saved.SAVED : Saved.DUPLICATE_ID;
    }
  }

  @Override
  public Optional<ApiTokenRecord> find(String id) {
    return Optional.ofNullable(tokens.get(id));
  }

  @Override
  public List<ApiTokenRecord> findByAccount(String account) {
    List<ApiTokenRecord> out = new ArrayList<>();
    for (ApiTokenRecord r : tokens.values()) {
      if (r.account().equals(account)) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(ApiTokenRecord::createdAt).thenComparing(ApiTokenRecord::id));
    return List.copyOf(out);
  }

  @Override
  public boolean revoke(String account, String id) {
    boolean[] done = {false};
    tokens.computeIfPresent(id, (k, r) -> {
      if (!r.account().equals(account) || r.revoked()) {
        return r;
      }
      done[0] = true;
      return r.asRevoked();
    });
    return done[0];
  }

  @Override
  public void touch(String id, Instant usedAt) {
    tokens.computeIfPresent(id, (k, r) ->
        r.lastUsedAt() != null && !r.lastUsedAt().isBefore(usedAt) ? r : r.withLastUsedAt(usedAt));
  }

  /** The number of tokens held, revoked and expired ones included. */
  public int size() {
    return tokens.size();
  }
}
