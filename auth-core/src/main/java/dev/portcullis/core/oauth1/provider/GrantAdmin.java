package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.TokenState;
import java.util.ArrayList;
import java.util.List;

/** A user's view of the access tokens they granted: list (no secrets) and revoke. Thread-safe. */
final class GrantAdmin {
  private final OAuthTokenStore tokens;

  GrantAdmin(OAuthTokenStore tokens) {
    this.tokens = tokens;
  }

  /** See {@link OAuthProvider#accessTokens}. */
  List<AccessGrant> list(String user) {
    List<AccessGrant> out = new ArrayList<>();
    for (OAuthToken t : tokens.accessTokens(user)) {
      out.add(new AccessGrant(t.token(), t.consumerKey(), t.createdAt(), t.expiresAt(),
          t.state() == TokenState.REVOKED));
    }
    return List.copyOf(out);
  }

  /** See {@link OAuthProvider#revoke}. */
  boolean revoke(String user, String token) {
    return tokens.revoke(token, user);
  }
}
