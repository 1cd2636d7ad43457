package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.Attempt;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.oauth1.Verification;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.spi.oauth1.TokenState;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Temporary credentials and the user's decision (RFC 5849 §2.1, §2.2): issues request tokens,
 * tells the authorize page what is pending, and records an approval (with a fresh verifier) or a
 * denial. Every state change is a compare-and-set in the token store. Thread-safe.
 */
final class TemporaryCredentials {
  private static final int MAX_CALLBACK_LENGTH = 2048;
  private static final int MAX_TOKEN_LENGTH = 256;

  private final OAuth1Verifier verifier;
  private final ConsumerStore consumers;
  private final TokenMint mint;

  TemporaryCredentials(OAuth1Verifier verifier, TokenMint mint) {
    this.verifier = verifier;
    this.consumers = verifier.consumers();
    this.mint = mint;
  }

  /** See {@link OAuthProvider#issueRequestToken}. */
  ProviderResult issue(AuthRequest request) {
    return issue(request, null).result();
  }

  /**
   * See {@link OAuthProvider#issueRequestToken(AuthRequest, dev.portcullis.core.Gate)}: with an
   * {@code attempt}, the claimed consumer and the address are checked before any signature is
   * computed.
   */
  Step issue(AuthRequest request, @Nullable Attempt attempt) {
    if (attempt != null) {
      Outcome.Rejected throttled = attempt.admit(Claimed.consumerKey(request));
      if (throttled != null) {
        return Step.refused(new ProviderResult.Refused(throttled));
      }
    }
    Verification v = verifier.verify(request, TokenKind.NONE);
    if (v instanceof Verification.Failed f) {
      return Step.refused(new ProviderResult.Refused(f.rejection()));
    }
    Verification.Verified ok = (Verification.Verified) v;
    String callback = ok.param("oauth_callback");
    if (callback == null || callback.isEmpty()) {
      return refused(Reason.PARAMETER_ABSENT, "oauth_callback is required: a URL or oob.");
    }
    if (!callback.equals("oob") && !isHttpUrl(callback)) {
      return refused(Reason.PARAMETER_REJECTED, "oauth_callback must be oob or an absolute http(s) URL.");
    }
    if (!ok.consumer().allowsCallback(callback)) {
      return refused(Reason.CALLBACK_REJECTED, null);
    }
    Instant now = mint.now();
    String token = mint.tokenValue();
    String secret = mint.secret();
    mint.saveNew(OAuthToken.request(token, mint.seal(secret), ok.consumer().key(), callback, now,
        mint.requestTokenExpiry(now)));
    return Step.issued(new ProviderResult.Issued(List.of(
        new Param("oauth_token", token),
        new Param("oauth_token_secret", secret),
        new Param("oauth_callback_confirmed", "true"))), ok.consumer().key(), null, null);
  }

  private static Step refused(Reason reason, @Nullable String detail) {
    return Step.refused((ProviderResult.Refused) TokenMint.refuse(reason, detail));
  }

  /** See {@link OAuthProvider#pending}. */
  Optional<PendingAuthorization> pending(String requestToken) {
    OAuthToken t = livePending(requestToken);
    Consumer c = t == null ? null : liveConsumer(t);
    if (t == null || c == null) {
      return Optional.empty();
    }
    return Optional.of(new PendingAuthorization(t.token(), c.key(), c.displayName(), "oob".equals(t.callback())));
  }

  /** See {@link OAuthProvider#authorize}. */
  Optional<Approval> approve(String requestToken, String user) {
    Objects.requireNonNull(user, "user");
    OAuthToken t = livePending(requestToken);
    if (t == null || liveConsumer(t) == null) {
      return Optional.empty();
    }
    String v = mint.verifier();
    if (!mint.tokens.compareAndSet(t, t.authorize(user, mint.accountOf(user), v))) {
      return Optional.empty();
    }
    String callback = Objects.requireNonNull(t.callback());
    String redirect = callback.equals("oob") ? null : CallbackUrl.withParams(callback, t.token(), v);
    return Optional.of(new Approval(t.token(), v, redirect));
  }

  /** See {@link OAuthProvider#deny}. */
  boolean deny(String requestToken, String user) {
    Objects.requireNonNull(user, "user");
    OAuthToken t = livePending(requestToken);
    return t != null && mint.tokens.compareAndSet(t, t.withState(TokenState.REVOKED));
  }

  private @Nullable Consumer liveConsumer(OAuthToken t) {
    Consumer c = consumers.find(t.consumerKey());
    return c == null || !c.enabled() || c.isExpired(mint.now()) ? null : c;
  }

  private @Nullable OAuthToken livePending(@Nullable String requestToken) {
    if (requestToken == null || requestToken.isEmpty() || requestToken.length() > MAX_TOKEN_LENGTH) {
      return null;
    }
    OAuthToken t = mint.tokens.find(requestToken);
    if (t == null || t.kind() != TokenKind.REQUEST || t.state() != TokenState.PENDING
        || t.isExpired(mint.now())) {
      return null;
    }
    return t;
  }

  private static boolean isHttpUrl(String callback) {
    if (callback.length() > MAX_CALLBACK_LENGTH) {
      return false;
    }
    try {
      URI u = new URI(callback);
      String s = u.getScheme();
      return u.isAbsolute() && u.getHost() != null && u.getRawFragment() == null
          && ("http".equalsIgnoreCase(s) || "https".equalsIgnoreCase(s));
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
