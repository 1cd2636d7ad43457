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
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The access-token endpoint (RFC 5849 §2.3): once the {@link OAuth1Verifier} has checked the
 * signature made with an approved request token, its timestamp and nonce, this compares
 * {@code oauth_verifier}, spends the request token exactly once and issues the access token.
 *
 * <p>Order matters. The verifier is compared only after the signature passed and the nonce was
 * recorded, so neither a stranger without the token secret nor a replayed exchange can count
 * wrong-verifier attempts against somebody's token; after {@code maxVerifierFailures} wrong ones the
 * token is revoked. Spending is a compare-and-set to {@link TokenState#USED}: of two racing exchanges
 * one wins, the other gets {@code token_used}. Thread-safe.
 */
final class TokenExchange {
  private final OAuth1Verifier verifier;
  private final ConsumerStore consumers;
  private final TokenMint mint;
  private final int maxVerifierFailures;

  TokenExchange(OAuth1Verifier verifier, TokenMint mint, int maxVerifierFailures) {
    this.verifier = verifier;
    this.consumers = verifier.consumers();
    this.mint = mint;
    this.maxVerifierFailures = maxVerifierFailures;
  }

  /** See {@link OAuthProvider#exchange}. */
  ProviderResult exchange(AuthRequest request) {
    return exchange(request, null).result();
  }

  /**
   * See {@link OAuthProvider#exchange(AuthRequest, dev.portcullis.core.Gate)}: with an
   * {@code attempt}, the claimed consumer and the address are checked before any signature is
   * computed, and a wrong verifier counts against them as well as against the token.
   */
  Step exchange(AuthRequest request, @Nullable Attempt attempt) {
    if (attempt != null) {
      Outcome.Rejected throttled = attempt.admit(Claimed.consumerKey(request));
      if (throttled != null) {
        return Step.refused(new ProviderResult.Refused(throttled));
      }
    }
    Verification v = verifier.verify(request, TokenKind.REQUEST);
    if (v instanceof Verification.Failed f) {
      return Step.refused(new ProviderResult.Refused(f.rejection()));
    }
    Verification.Verified ok = (Verification.Verified) v;
    OAuthToken token = ok.token();
    if (token == null || token.kind() != TokenKind.REQUEST || token.state() != TokenState.AUTHORIZED
        || token.user() == null) {
      // The verifier guarantees an approved request token here; refuse rather than trust a broken one.
      return refused(Reason.TOKEN_REJECTED);
    }
    String presented = ok.param("oauth_verifier");
    if (presented == null || !token.verifierMatches(presented)) {
      OAuthToken counted = token.withVerifierFailure();
      if (counted.verifierFailures() >= maxVerifierFailures) {
        counted = counted.withState(TokenState.REVOKED);
      }
      // a lost race means another exchange changed the token first; this attempt is refused either way
      mint.tokens.compareAndSet(token, counted);
      return refused(Reason.VERIFIER_INVALID);
    }
    Instant now = mint.now();
    Instant expires = mint.accessTokenExpiry(now);
    // before spending: should the consumer store be down, the token is left unspent for a retry
    keepConsumerFor(ok.consumer(), expires);
    if (!mint.tokens.compareAndSet(token, token.withState(TokenState.USED))) {
      return refused(Reason.TOKEN_USED);
    }
    String access = mint.tokenValue();
    String secret = mint.secret();
    mint.saveNew(OAuthToken.access(access, mint.seal(secret), ok.consumer().key(), token.user(), token.account(),
        now, expires));
    return Step.issued(new ProviderResult.Issued(List.of(
        new Param("oauth_token", access),
        new Param("oauth_token_secret", secret))), ok.consumer().key(), token.user(), token.account());
  }

  private static Step refused(Reason reason) {
    return Step.refused((ProviderResult.Refused) TokenMint.refuse(reason, null));
  }

  /**
   * A consumer minted by the public-app flow expires with its request token; once exchanged it
   * signs for the access token, so it lives exactly as long (until revoked, when access tokens do
   * not expire). Registered consumers carry no expiry and are left alone.
   */
  private void keepConsumerFor(Consumer consumer, @Nullable Instant accessExpiry) {
    if (consumer.expiresAt() != null) {
      consumers.save(consumer.withExpiry(accessExpiry));
    }
  }
}
