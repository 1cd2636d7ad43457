package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.PublicApp;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import dev.portcullis.core.spi.oauth1.SignatureMethod;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The public-app flow: an app that must not ship a consumer secret is known by a public id; each
 * user who approves it gets a consumer of their own (key and secret minted here, added atomically)
 * and an already approved request token, shown as one pipe-delimited code.
 *
 * <p>The minted consumer expires with its request token, so a code nobody exchanges leaves nothing
 * behind once store maintenance purges it; the exchange extends it to the access token's life
 * ({@link TokenExchange}). Thread-safe.
 */
final class PublicAppFlow {
  private static final int MAX_KEY_ATTEMPTS = 5;

  private final ConsumerStore consumers;
  private final PublicAppRegistry apps;
  private final TokenMint mint;

  PublicAppFlow(ConsumerStore consumers, PublicAppRegistry apps, TokenMint mint) {
    this.consumers = consumers;
    this.apps = apps;
    this.mint = mint;
  }

  /** See {@link OAuthProvider#publicAppName}. */
  Optional<String> name(String appId) {
    Consumer base = base(appId);
    return base == null ? Optional.empty() : Optional.of(base.displayName());
  }

  /** See {@link OAuthProvider#authorizeApp}. */
  Optional<AuthorizationCode> authorize(String appId, String user) {
    Objects.requireNonNull(user, "user");
    Consumer base = base(appId);
    if (base == null) {
      return Optional.empty();
    }
    Set<SignatureMethod> methods = EnumSet.noneOf(SignatureMethod.class);
    for (SignatureMethod m : base.methods()) {
      // The derived consumer has a secret of its own; the app's RSA key pair would be shared by all users.
      if (!m.isRsa()) {
        methods.add(m);
      }
    }
    if (methods.isEmpty()) {
      methods.add(SignatureMethod.HMAC_SHA1);
    }
    Instant now = mint.now();
    Instant expires = mint.requestTokenExpiry(now);
    String key;
    String consumerSecret;
    int attempts = 0;
    do {
      if (++attempts > MAX_KEY_ATTEMPTS) {
        // 24-character random keys do not collide five times in a row unless the random source is broken.
        throw new IllegalStateException("could not allocate a unique consumer key");
      }
      key = mint.tokenValue();
      consumerSecret = mint.secret();
      // atomic add-if-absent: a find-then-save could let two mints share one key
    } while (!consumers.addIfAbsent(Consumer.builder(key, mint.seal(consumerSecret))
        .displayName(base.displayName())
        .methods(methods)
        .callbacks(List.of("oob"))
        .expiresAt(expires)
        .build()));
    String token = mint.tokenValue();
    String tokenSecret = mint.secret();
    String v = mint.verifier();
    mint.saveNew(OAuthToken.request(token, mint.seal(tokenSecret), key, "oob", now, expires)
        .authorize(user, mint.accountOf(user), v));
    return Optional.of(new AuthorizationCode(key, consumerSecret, token, tokenSecret, v));
  }

  /** The registered consumer behind app {@code appId}, when the id is well formed and it is usable. */
  private @Nullable Consumer base(@Nullable String appId) {
    if (appId == null || !PublicApp.isAppId(appId)) {
      return null;
    }
    Optional<PublicApp> app = apps.find(appId);
    if (app.isEmpty()) {
      return null;
    }
    Consumer c = consumers.find(app.get().consumerKey());
    return c == null || !c.enabled() || c.isExpired(mint.now()) ? null : c;
  }
}
