package dev.portcullis.core.memory;

import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.core.spi.StoreMaintenance;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OAuthTokenStore} for one node, in memory. Thread-safe; {@link #compareAndSet} is atomic
 * ({@link ConcurrentHashMap#compute}).
 *
 * <pre>{@code
 * OAuthTokenStore tokens = new InMemoryOAuthTokenStore();
 * tokens.save(OAuthToken.access("nnch734d00sl2jdk", ProtectedSecret.plain("pfkkdhi9sl3r4s00"),
 *     "dpf43f3p2l4k3l03", "jane", null, Instant.now(), null));
 * }</pre>
 */
public final class InMemoryOAuthTokenStore implements OAuthTokenStore {
  private final ConcurrentHashMap<String, OAuthToken> tokens = new ConcurrentHashMap<>();

  /**
   * A store nothing purges by itself: {@link dev.portcullis.core.oauth1.provider.OAuthProvider}
   * registers the store it issues into with {@link StoreMaintenance#shared()}, on its own clock.
   */
  public InMemoryOAuthTokenStore() {
    this(Clock.systemUTC(), null);
  }

  /**
   * @param clock the time {@code maintenance} purges with
   * @param maintenance what runs {@link #purgeExpired} (the store registers weakly); null when the
   *     caller runs it itself
   */
  public InMemoryOAuthTokenStore(Clock clock, @Nullable StoreMaintenance maintenance) {
    if (maintenance != null) {
      maintenance.registerWeakly(this, clock);
    }
  }

  @Override
  public boolean save(OAuthToken token) {
    Objects.requireNonNull(token, "token");
    return tokens.putIfAbsent(token.token(), token) == null;
  }

  @Override
  public @Nullable OAuthToken find(String token) {
    return tokens.get(token);
  }

  @Override
  public boolean compareAndSet(OAuthToken expected, OAuthToken updated) {
    if (!expected.token().equals(updated.token())) {
      throw new IllegalArgumentException("compareAndSet must keep the token value");
    }
    boolean[] done = {false};
    tokens.computeIfPresent(expected.token(), (k, cur) -> {
      if (cur.state() == expected.state() && cur.verifierFailures() == expected.verifierFailures()) {
        done[0] = true;
        return updated;
      }
      return cur;
    });
    return done[0];
  }

  @Override
  public List<OAuthToken> accessTokens(String user) {
    List<OAuthToken> out = new ArrayList<>();
    for (OAuthToken t : tokens.values()) {
      if (t.kind() == TokenKind.ACCESS && user.equals(t.user())) {
        out.add(t);
      }
    }
    out.sort(Comparator.comparing(OAuthToken::createdAt));
    return out;
  }

  @Override
  public boolean revoke(String token, String user) {
    boolean[] done = {false};
    tokens.computeIfPresent(token, (k, cur) -> {
      boolean live = cur.state() == TokenState.AUTHORIZED || cur.state() == TokenState.PENDING;
      if (live && user.equals(cur.user())) {
        done[0] = true;
        return cur.withState(TokenState.REVOKED);
      }
      return cur;
    });
    return done[0];
  }

  @Override
  public int purgeExpired(Instant now) {
    int before = tokens.size();
    tokens.values().removeIf(t -> t.isExpired(now)
        || t.kind() == TokenKind.REQUEST && (t.state() == TokenState.USED || t.state() == TokenState.REVOKED));
    return before - tokens.size();
  }

  /** How many tokens are held. */
  public int size() {
    return tokens.size();
  }
}
