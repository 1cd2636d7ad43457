package dev.portcullis.core.oauth1.provider;
import dev.portcullis.core.spi.oauth1.PublicApp;

import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import dev.portcullis.core.spi.oauth1.UserDirectory;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.core.spi.oauth1.SignatureMethod;
import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.core.oauth1.Verification;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import dev.portcullis.core.spi.StoreMaintenance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth 1.0a provider flow (RFC 5849 §2), framework-neutral: temporary credentials, the user's
 * approval, the exchange for token credentials, and the public-app flow whose authorization code is
 * {@code appKey|appSecret|requestToken|tokenSecret|verifier}. Adapters (the servlet endpoints) call
 * it and render what it returns.
 *
 * <pre>{@code
 * OAuthProvider provider = OAuthProvider.builder()
 *     .verifier(verifier).consumers(consumers).tokens(tokens).users(users)
 *     .publicApps(PublicAppRegistry.of(List.of(new PublicApp("bec40eec", "demo_consumer_key"))))
 *     .build();
 * ProviderResult r = provider.issueRequestToken(request);       // POST request_token
 * Optional<Approval> a = provider.authorize(requestToken, user); // the page's approve button
 * ProviderResult t = provider.exchange(request);                 // POST access_token
 * }</pre>
 *
 * <p>Rules where RFC 5849 leaves a choice: {@code oauth_callback} is required and must be
 * {@code oob} or an absolute http(s) URL the consumer registered; request tokens live
 * {@link Builder#requestTokenLifetime} (10 minutes by default) and can be approved once and
 * exchanged once; the verifier's single use and wrong-verifier counting are the
 * {@link OAuth1Verifier}'s, which only look at a request token after its signature verified, so a
 * stranger cannot spend or revoke somebody else's token.
 *
 * <p>Thread-safe: every state change is a compare-and-set in the {@link OAuthTokenStore}. Store
 * failures surface as {@link dev.portcullis.core.spi.StoreUnavailableException} (fail closed).
 */
public final class OAuthProvider {
  /** The OAuth scheme name, as rejections carry it. */
  public static final String SCHEME = "OAuth";
  private static final int MAX_CALLBACK_LENGTH = 2048;
  private static final int TOKEN_LENGTH = 24;
  private static final int SECRET_LENGTH = 40;

  private final OAuth1Verifier verifier;
  private final ConsumerStore consumers;
  private final OAuthTokenStore tokens;
  private final UserDirectory users;
  private final PublicAppRegistry publicApps;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration requestTokenLifetime;
  private final @Nullable Duration accessTokenLifetime;
  private final int verifierLength;
  private final SecretProtector protector;
  private final Function<String, @Nullable String> accountOf;
  private final @Nullable LoginThrottle throttle;

  private OAuthProvider(Builder b) {
    this.verifier = b.verifier;
    this.consumers = b.consumers;
    this.tokens = b.tokens;
    this.users = b.users;
    this.publicApps = b.publicApps;
    this.clock = b.clock;
    this.random = b.random;
    this.requestTokenLifetime = b.requestTokenLifetime;
    this.accessTokenLifetime = b.accessTokenLifetime;
    this.verifierLength = b.verifierLength;
    this.protector = b.protector;
    this.accountOf = b.accountOf;
    this.throttle = b.throttle;
    // spent and expired tokens are forgotten off the request path, with the clock that issued them
    StoreMaintenance.shared().registerWeakly(tokens, clock);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The user directory the authorize page checks logins against. */
  public UserDirectory users() {
    return users;
  }

  /**
   * Checks a login typed on the authorize page, counting it against the {@link LoginThrottle} when
   * one is configured. The caller zeroes {@code password} afterwards.
   *
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the directory or throttle store is down
   */
  public Login login(String username, char[] password) {
    if (throttle != null && throttle.blocked(username)) {
      return Login.THROTTLED;
    }
    Optional<String> user = users.authenticate(username, password);
    if (throttle != null) {
      if (user.isPresent()) {
        throttle.succeeded(username);
      } else {
        throttle.failed(username);
      }
    }
    return user.isPresent() ? Login.ok(user.get()) : Login.WRONG;
  }

  /**
   * The request-token endpoint (RFC 5849 §2.1): verifies the consumer's signature and the
   * callback, then issues a pending request token.
   *
   * @return {@code oauth_token}, {@code oauth_token_secret}, {@code oauth_callback_confirmed=true};
   *     or a refusal: the verifier's, {@code parameter_absent} without a callback,
   *     {@code parameter_rejected} for a callback that is not registered
   */
  public ProviderResult issueRequestToken(AuthRequest request) {
    Verification v = verifier.verify(request, TokenKind.NONE);
    if (v instanceof Verification.Failed f) {
      return new ProviderResult.Refused(f.rejection());
    }
    Verification.Verified ok = (Verification.Verified) v;
    String callback = ok.param("oauth_callback");
    if (callback == null || callback.isEmpty()) {
      return refuse(Reason.PARAMETER_ABSENT, "oauth_callback is required: a URL or oob.");
    }
    if (!callback.equals("oob") && !isHttpUrl(callback)) {
      return refuse(Reason.PARAMETER_REJECTED, "oauth_callback must be oob or an absolute http(s) URL.");
    }
    if (!ok.consumer().allowsCallback(callback)) {
      return refuse(Reason.CALLBACK_REJECTED, null);
    }
    Instant now = clock.instant();
    String token = newTokenValue();
    String secret = RandomText.alphanumeric(random, SECRET_LENGTH);
    saveNew(OAuthToken.request(token, ProtectedSecret.seal(secret, protector), ok.consumer().key(),
        callback, now, now.plus(requestTokenLifetime)));
    return new ProviderResult.Issued(List.of(
        new Param("oauth_token", token),
        new Param("oauth_token_secret", secret),
        new Param("oauth_callback_confirmed", "true")));
  }

  /**
   * What the authorize page shows for {@code requestToken}; empty when the token is unknown,
   * expired, already decided, or its consumer is gone or disabled.
   */
  public Optional<PendingAuthorization> pending(String requestToken) {
    OAuthToken t = livePending(requestToken);
    if (t == null) {
      return Optional.empty();
    }
    Consumer c = consumers.find(t.consumerKey());
    if (c == null || !c.enabled()) {
      return Optional.empty();
    }
    return Optional.of(new PendingAuthorization(t.token(), c.key(), c.displayName(), "oob".equals(t.callback())));
  }

  /**
   * The user approved (RFC 5849 §2.2): binds the request token to {@code user} with a fresh
   * verifier. Call only after the user logged in on the page and the form's CSRF token checked out.
   *
   * @return the verifier and the redirect target; empty when the token is no longer pending (expired,
   *     decided, or a concurrent approval won)
   */
  public Optional<Approval> authorize(String requestToken, String user) {
    Objects.requireNonNull(user, "user");
    OAuthToken t = livePending(requestToken);
    if (t == null || pending(requestToken).isEmpty()) {
      return Optional.empty();
    }
    String v = RandomText.human(random, verifierLength);
    if (!tokens.compareAndSet(t, t.authorize(user, accountOf.apply(user), v))) {
      return Optional.empty();
    }
    String callback = Objects.requireNonNull(t.callback());
    String redirect = callback.equals("oob") ? null : CallbackUrl.withParams(callback, t.token(), v);
    return Optional.of(new Approval(t.token(), v, redirect));
  }

  /** The user said no: the request token is revoked. Returns whether it was still pending. */
  public boolean deny(String requestToken) {
    OAuthToken t = livePending(requestToken);
    return t != null && tokens.compareAndSet(t, t.withState(TokenState.REVOKED));
  }

  /**
   * The access-token endpoint (RFC 5849 §2.3): the {@link OAuth1Verifier} checks the signature
   * made with the request token, the verifier, and spends the token; this issues the access token.
   *
   * @return {@code oauth_token}, {@code oauth_token_secret}; or the verifier's refusal
   *     ({@code token_rejected} for a spent or unknown token, {@code verifier_invalid}, ...)
   */
  public ProviderResult exchange(AuthRequest request) {
    Verification v = verifier.verify(request, TokenKind.REQUEST);
    if (v instanceof Verification.Failed f) {
      return new ProviderResult.Refused(f.rejection());
    }
    Verification.Verified ok = (Verification.Verified) v;
    OAuthToken spent = ok.token();
    if (spent == null || spent.user() == null) {
      // The verifier guarantees an approved request token here; refuse rather than trust a broken one.
      return refuse(Reason.TOKEN_REJECTED, null);
    }
    Instant now = clock.instant();
    String token = newTokenValue();
    String secret = RandomText.alphanumeric(random, SECRET_LENGTH);
    saveNew(OAuthToken.access(token, ProtectedSecret.seal(secret, protector), ok.consumer().key(),
        spent.user(), spent.account(), now, accessTokenLifetime == null ? null : now.plus(accessTokenLifetime)));
    return new ProviderResult.Issued(List.of(
        new Param("oauth_token", token),
        new Param("oauth_token_secret", secret)));
  }

  /** The display name of public app {@code appId}, or empty when no such app (or its consumer) exists. */
  public Optional<String> publicAppName(String appId) {
    if (!PublicApp.isAppId(appId)) {
      return Optional.empty();
    }
    return publicApps.find(appId)
        .map(app -> consumers.find(app.consumerKey()))
        .filter(Consumer::enabled)
        .map(Consumer::displayName);
  }

  /**
   * The public-app flow: after {@code user} logged in and approved app {@code appId}, mints a
   * consumer key and secret for this user and app alone (same display name, HMAC and PLAINTEXT
   * methods, callback {@code oob}), and an already approved request token with its verifier.
   * The client exchanges it at the access-token endpoint like any other request token.
   *
   * @return the code to show; empty when there is no such app or its consumer is disabled
   */
  public Optional<AuthorizationCode> authorizeApp(String appId, String user) {
    Objects.requireNonNull(user, "user");
    if (!PublicApp.isAppId(appId)) {
      return Optional.empty();
    }
    Optional<PublicApp> app = publicApps.find(appId);
    if (app.isEmpty()) {
      return Optional.empty();
    }
    Consumer base = consumers.find(app.get().consumerKey());
    if (base == null || !base.enabled()) {
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
    String key;
    String consumerSecret;
    int attempts = 0;
    do {
      if (++attempts > 5) {
        // 24-character random keys do not collide five times in a row unless the random source is broken.
        throw new IllegalStateException("could not allocate a unique consumer key");
      }
      key = RandomText.alphanumeric(random, TOKEN_LENGTH);
      consumerSecret = RandomText.alphanumeric(random, SECRET_LENGTH);
      // atomic add-if-absent: a find-then-save could let two mints share one key
    } while (!consumers.addIfAbsent(Consumer.builder(key, ProtectedSecret.seal(consumerSecret, protector))
        .displayName(base.displayName())
        .methods(methods)
        .callbacks(List.of("oob"))
        .build()));
    Instant now = clock.instant();
    String token = newTokenValue();
    String tokenSecret = RandomText.alphanumeric(random, SECRET_LENGTH);
    String v = RandomText.human(random, verifierLength);
    saveNew(OAuthToken.request(token, ProtectedSecret.seal(tokenSecret, protector), key, "oob", now,
            now.plus(requestTokenLifetime))
        .authorize(user, accountOf.apply(user), v));
    return Optional.of(new AuthorizationCode(key, consumerSecret, token, tokenSecret, v));
  }

  /** Saves a freshly minted token; a duplicate of a random value means a broken random source. */
  private void saveNew(OAuthToken t) {
    if (!tokens.save(t)) {
      throw new IllegalStateException("a freshly minted token value already exists");
    }
  }

  /** The access tokens {@code user} granted, without secrets, oldest first. */
  public List<AccessGrant> accessTokens(String user) {
    List<AccessGrant> out = new ArrayList<>();
    for (OAuthToken t : tokens.accessTokens(user)) {
      out.add(new AccessGrant(t.token(), t.consumerKey(), t.createdAt(), t.expiresAt(),
          t.state() == TokenState.REVOKED));
    }
    return List.copyOf(out);
  }

  /** Revokes access token {@code token} if {@code user} owns it; returns whether it was revoked now. */
  public boolean revoke(String user, String token) {
    return tokens.revoke(token, user);
  }

  private @Nullable OAuthToken livePending(String requestToken) {
    if (requestToken == null || requestToken.isEmpty() || requestToken.length() > 256) {
      return null;
    }
    OAuthToken t = tokens.find(requestToken);
    if (t == null || t.kind() != TokenKind.REQUEST || t.state() != TokenState.PENDING
        || t.isExpired(clock.instant())) {
      return null;
    }
    return t;
  }

  private String newTokenValue() {
    return RandomText.alphanumeric(random, TOKEN_LENGTH);
  }

  private static ProviderResult refuse(Reason reason, @Nullable String detail) {
    return new ProviderResult.Refused(new Outcome.Rejected(reason, SCHEME, detail));
  }

  private static boolean isHttpUrl(String callback) {
    if (callback.length() > MAX_CALLBACK_LENGTH) {
      return false;
    }
    try {
      java.net.URI u = new java.net.URI(callback);
      String s = u.getScheme();
      return u.isAbsolute() && u.getHost() != null && u.getRawFragment() == null
          && ("http".equalsIgnoreCase(s) || "https".equalsIgnoreCase(s));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "OAuthProvider[requestTokenLifetime=" + requestTokenLifetime + "]";
  }

  /** Builds an {@link OAuthProvider}. Not thread-safe. */
  public static final class Builder {
    private @Nullable OAuth1Verifier verifier;
    private @Nullable ConsumerStore consumers;
    private @Nullable OAuthTokenStore tokens;
    private @Nullable UserDirectory users;
    private PublicAppRegistry publicApps = PublicAppRegistry.none();
    private Clock clock = Clock.systemUTC();
    private SecureRandom random = new SecureRandom();
    private Duration requestTokenLifetime = Duration.ofMinutes(10);
    private @Nullable Duration accessTokenLifetime;
    private int verifierLength = 16;
    private SecretProtector protector = SecretProtector.none();
    private Function<String, @Nullable String> accountOf = user -> null;
    private @Nullable LoginThrottle throttle;

    private Builder() {}

    /** Caps failed sign-ins per username on the pages (none by default; the demo allows 10 per 5 minutes). */
    public Builder loginThrottle(LoginThrottle throttle) {
      this.throttle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /** The verifier that checks signatures at the token endpoints; build it over the same stores. */
    public Builder verifier(OAuth1Verifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    public Builder consumers(ConsumerStore consumers) {
      this.consumers = Objects.requireNonNull(consumers, "consumers");
      return this;
    }

    public Builder tokens(OAuthTokenStore tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    public Builder users(UserDirectory users) {
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    public Builder publicApps(PublicAppRegistry publicApps) {
      this.publicApps = Objects.requireNonNull(publicApps, "publicApps");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * How long a request token may wait for approval and exchange (default 10 minutes).
     *
     * @throws IllegalArgumentException if not between 1 second and 1 hour
     */
    public Builder requestTokenLifetime(Duration lifetime) {
      if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("request tokens should live between 1 second and 1 hour");
      }
      this.requestTokenLifetime = lifetime;
      return this;
    }

    /** How long access tokens live; null (the default) for until revoked. */
    public Builder accessTokenLifetime(@Nullable Duration lifetime) {
      if (lifetime != null && (lifetime.isZero() || lifetime.isNegative())) {
        throw new IllegalArgumentException("access token lifetime must be positive");
      }
      this.accessTokenLifetime = lifetime;
      return this;
    }

    /**
     * Verifier length in characters of a 31-letter alphabet (default 16, about 79 bits).
     *
     * @throws IllegalArgumentException below 8 or above 64
     */
    public Builder verifierLength(int length) {
      if (length < 8 || length > 64) {
        throw new IllegalArgumentException("verifier length must be between 8 and 64");
      }
      this.verifierLength = length;
      return this;
    }

    /** Seals the secrets this provider mints (token and derived consumer secrets) for storage. */
    public Builder secretProtector(SecretProtector protector) {
      this.protector = Objects.requireNonNull(protector, "protector");
      return this;
    }

    /** Maps a user id to the account recorded on their tokens (default: none). */
    public Builder accountOf(Function<String, @Nullable String> accountOf) {
      this.accountOf = Objects.requireNonNull(accountOf, "accountOf");
      return this;
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalStateException if the verifier, a store or the user directory is missing
     */
    public OAuthProvider build() {
      if (verifier == null || consumers == null || tokens == null || users == null) {
        throw new IllegalStateException("an OAuthProvider needs a verifier, consumer and token stores, and a user directory");
      }
      return new OAuthProvider(this);
    }
  }
}
