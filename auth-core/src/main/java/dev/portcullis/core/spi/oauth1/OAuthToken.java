package dev.portcullis.core.spi.oauth1;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request (temporary) token or an access token with its secret and life-cycle state
 * (RFC 5849 §2.1, §2.3).
 *
 * <p>The verifier is kept only as a SHA-256 hash and compared in constant time. {@code toString}
 * shows neither the token secret nor the whole token value.
 *
 * <pre>{@code
 * OAuthToken rt = OAuthToken.request("hh5s93j4hdidpola", ProtectedSecret.plain("hdhd0244k9j7ao03"),
 *     "dpf43f3p2l4k3l03", "http://printer.example.com/ready", now, now.plusSeconds(600));
 * OAuthToken approved = rt.authorize("jane", "1", "hfdp7dh39dks9884");
 * approved.verifierMatches("hfdp7dh39dks9884"); // true
 * }</pre>
 *
 * @param token the token value ({@code oauth_token})
 * @param secret the token secret, sealed
 * @param kind {@link TokenKind#REQUEST} or {@link TokenKind#ACCESS}
 * @param consumerKey the consumer the token was issued to
 * @param callback the request token's {@code oauth_callback} (a URL or {@code oob}); null for access tokens
 * @param user the user who approved it; null while a request token is pending
 * @param account the user's account, when the provider has one
 * @param verifierHash base64url SHA-256 of the verifier, set on approval of a request token
 * @param createdAt when it was issued
 * @param expiresAt when it stops being valid; null for never
 * @param state where it is in its life cycle
 * @param verifierFailures how many correctly signed exchanges presented a wrong verifier
 */
public record OAuthToken(
    String token,
    ProtectedSecret secret,
    TokenKind kind,
    String consumerKey,
    @Nullable String callback,
    @Nullable String user,
    @Nullable String account,
    @Nullable String verifierHash,
    Instant createdAt,
    @Nullable Instant expiresAt,
    TokenState state,
    int verifierFailures) {

  public OAuthToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(consumerKey, "consumerKey");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(state, "state");
    if (kind == TokenKind.NONE) {
      throw new IllegalArgumentException("a token is a REQUEST or an ACCESS token");
    }
    if (token.isEmpty()) {
      throw new IllegalArgumentException("token value must not be empty");
    }
    if (kind == TokenKind.ACCESS && user == null) {
      throw new IllegalArgumentException("an access token belongs to a user");
    }
  }

  /** A new pending request token. */
  public static OAuthToken request(String token, ProtectedSecret secret, String consumerKey,
      String callback, Instant createdAt, Instant expiresAt) {
    Objects.requireNonNull(callback, "callback");
    return new OAuthToken(token, secret, TokenKind.REQUEST, consumerKey, callback, null, null, null,
        createdAt, expiresAt, TokenState.PENDING, 0);
  }

  /** A new live access token. */
  public static OAuthToken access(String token, ProtectedSecret secret, String consumerKey,
      String user, @Nullable String account, Instant createdAt, @Nullable Instant expiresAt) {
    return new OAuthToken(token, secret, TokenKind.ACCESS, consumerKey, null, user, account, null,
        createdAt, expiresAt, TokenState.AUTHORIZED, 0);
  }

  /** This request token approved by {@code user}, holding the hash of {@code verifier}. */
  public OAuthToken authorize(String user, @Nullable String account, String verifier) {
    Objects.requireNonNull(user, "user");
    return new OAuthToken(token, secret, kind, consumerKey, callback, user, account,
        hashVerifier(verifier), createdAt, expiresAt, TokenState.AUTHORIZED, verifierFailures);
  }

  /** A copy in {@code state}. */
  public OAuthToken withState(TokenState state) {
    return new OAuthToken(token, secret, kind, consumerKey, callback, user, account, verifierHash,
        createdAt, expiresAt, state, verifierFailures);
  }

  /** A copy with one more wrong-verifier attempt counted. */
  public OAuthToken withVerifierFailure() {
    return new OAuthToken(token, secret, kind, consumerKey, callback, user, account, verifierHash,
        createdAt, expiresAt, state, verifierFailures + 1);
  }

  /** Whether the token has expired at {@code now}. */
  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** Whether {@code verifier} is the one issued on approval; constant-time. */
  public boolean verifierMatches(@Nullable String verifier) {
    if (verifierHash == null || verifier == null) {
      return false;
    }
    return MessageDigest.isEqual(
        hashVerifier(verifier).getBytes(StandardCharsets.US_ASCII),
        verifierHash.getBytes(StandardCharsets.US_ASCII));
  }

  /** The stored form of a verifier: base64url (no padding) of its UTF-8 SHA-256. */
  public static String hashVerifier(String verifier) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    String shown = token.length() > 6 ? token.substring(0, 4) + "..." : "...";
    return "OAuthToken[" + kind + " " + shown + ", consumer=" + consumerKey + ", user=" + user
        + ", state=" + state + ", expiresAt=" + expiresAt + "]";
  }
}
