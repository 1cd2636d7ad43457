package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.internal.SettingsGiven;
import dev.portcullis.core.AttemptPolicy;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Gate;
import dev.portcullis.core.oauth1.OAuth1Verifier;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.StoreMaintenance;
import dev.portcullis.core.spi.oauth1.PublicAppRegistry;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth 1.0a provider flow (RFC 5849 §2), framework-neutral: temporary credentials, the user's
 * approval, the exchange for token credentials, and the public-app flow whose authorization code is
 * {@code appKey|appSecret|requestToken|tokenSecret|verifier}. Adapters (the servlet endpoints) call
 * it and render what it returns. Each flow is its own package-private class; this is their facade.
 *
 * <p>The provider works on the {@link OAuth1Verifier}'s consumer store, token store and clock, so
 * they are given once, to the verifier:
 *
 * <pre>{@code
 * OAuth1Verifier verifier = OAuth1Verifier.builder()
 *     .consumers(consumers).tokens(tokens).replayGuard(guard).clock(clock).realm("email-lists")
 *     .build();
 * OAuthProvider provider = OAuthProvider.builder()
 *     .verifier(verifier).users(users)
 *     .publicApps(PublicAppRegistry.of(List.of(new PublicApp("bec40eec", "demo_consumer_key"))))
 *     .build();
 * ProviderResult r = provider.issueRequestToken(request);       // POST request_token
 * Optional<Approval> a = provider.authorize(requestToken, user); // the page's approve button
 * ProviderResult t = provider.exchange(request);                 // POST access_token
 * }</pre>
 *
 * <p>Rules where RFC 5849 leaves a choice: {@code oauth_callback} is required and must be
 * {@code oob} or an absolute http(s) URL the consumer registered; request tokens live
 * {@link Builder#requestTokenLifetime} (10 minutes by default) and can be approved or denied once,
 * by a signed-in user, and exchanged once; a wrong verifier counts only on a request signed with
 * the token's secret, so a stranger cannot spend or revoke somebody else's token.
 *
 * <p>Thread-safe: every state change is a compare-and-set in the token store. Store failures
 * surface as {@link dev.portcullis.core.spi.StoreUnavailableException} (fail closed, 503).
 */
public final class OAuthProvider {
  /** The OAuth scheme name, as rejections carry it. */
  public static final String SCHEME = "OAuth";

  private final Duration requestTokenLifetime;
  private final SignIn signIn;
  private final TemporaryCredentials temporary;
  private final TokenExchange exchange;
  private final PublicAppFlow publicApps;
  private final GrantAdmin grants;

  private OAuthProvider(Builder b, OAuth1Verifier verifier, UserDirectory users) {
    this.requestTokenLifetime = b.requestTokenLifetime;
    TokenMint mint = new TokenMint(verifier.tokens(), verifier.clock(), b.random, b.requestTokenLifetime,
        b.accessTokenLifetime, b.verifierLength, b.protector, b.accountOf);
    AttemptLimiter limiter = b.limiter != null ? b.limiter
        : new InMemoryAttemptLimiter(verifier.clock(), InMemoryAttemptLimiter.DEFAULT_CELLS_PER_ROW);
    this.signIn = new SignIn(users, limiter, b.policy, verifier.clock());
    this.temporary = new TemporaryCredentials(verifier, mint);
    this.exchange = new TokenExchange(verifier, mint, b.maxVerifierFailures);
    this.publicApps = new PublicAppFlow(verifier.consumers(), b.publicApps, mint);
    this.grants = new GrantAdmin(verifier.tokens());
    // spent and expired tokens, and public-app consumers nobody exchanged, are forgotten off the
    // request path, with the clock that issued them
    StoreMaintenance.shared().registerWeakly(verifier.tokens(), verifier.clock());
    StoreMaintenance.shared().registerWeakly(verifier.consumers(), verifier.clock());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The user directory the authorize page checks logins against. */
  public UserDirectory users() {
    return signIn.users();
  }

  /**
   * Checks a login typed on the authorize page. The {@link AttemptLimiter}'s counters for this
   * username and {@code clientAddress} (realm {@code "login"}) are read first, and the password (a
   * PBKDF2) is checked only when the {@link AttemptPolicy} lets the attempt through: the pair is
   * blocked, the address limited across usernames (spraying), the username only slowed for
   * addresses that failed themselves, so nobody can lock a user out. A failure is then recorded, a
   * success clears what the policy says (the pair). The caller zeroes {@code password} afterwards.
   *
   * <pre>{@code
   * Login l = provider.login("demo_user", password, "203.0.113.7");
   * if (l.status() == Login.Status.THROTTLED) { ... 429, Retry-After: l.retryAfter() ... }
   * }</pre>
   *
   * @param clientAddress the client's address after trusted-proxy resolution
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the directory or the limiter's
   *     store is down (answer 503: fail closed)
   */
  public Login login(String username, char[] password, String clientAddress) {
    return signIn.login(username, password, clientAddress);
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
    return temporary.issue(request);
  }

  /**
   * The request-token endpoint under {@code gate}'s throttle: as {@link #issueRequestToken(AuthRequest)},
   * but the gate's {@link dev.portcullis.core.spi.AttemptLimiter} is read first for the claimed
   * {@code oauth_consumer_key} and the client address (after the gate's trusted-proxy resolution),
   * in realm {@value #SCHEME}, the one the OAuth scheme counts in on protected resources. Over the
   * {@link AttemptPolicy}'s limit the request is refused with {@link dev.portcullis.core.Reason#THROTTLED}
   * (429, {@code Retry-After}, {@code oauth_problem=too_many_attempts}) before any signature is
   * computed; a wrong signature counts as a failed guess, issued credentials clear the pair. The
   * gate publishes the outcome to its listeners. A gate without limiter changes nothing.
   *
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the limiter cannot be reached
   *     (answer 503: fail closed)
   */
  public ProviderResult issueRequestToken(AuthRequest request, Gate gate) {
    return gate.guard(request, SCHEME, attempt -> temporary.issue(request, attempt), Step::outcome).result();
  }

  /**
   * What the authorize page shows for {@code requestToken}; empty when the token is unknown,
   * expired, already decided, or its consumer is gone, disabled or expired.
   */
  public Optional<PendingAuthorization> pending(String requestToken) {
    return temporary.pending(requestToken);
  }

  /**
   * The user approved (RFC 5849 §2.2): binds the request token to {@code user} with a fresh
   * verifier. Call only after the user signed in on the page ({@link #login}) and the form's CSRF
   * token checked out.
   *
   * @return the verifier and the redirect target; empty when the token is no longer pending (expired,
   *     decided, or a concurrent approval won)
   */
  public Optional<Approval> authorize(String requestToken, String user) {
    return temporary.approve(requestToken, user);
  }

  /**
   * The signed-in {@code user} said no: the request token is revoked. Like {@link #authorize} it
   * takes the user a {@link #login} returned: a stranger without credentials must not be able to
   * kill somebody else's pending authorization.
   *
   * @return whether the token was still pending
   */
  public boolean deny(String requestToken, String user) {
    return temporary.deny(requestToken, user);
  }

  /**
   * The access-token endpoint (RFC 5849 §2.3): the {@link OAuth1Verifier} checks the signature
   * made with the request token, its timestamp and nonce; then the verifier is compared, the
   * request token spent exactly once and the access token issued.
   *
   * @return {@code oauth_token}, {@code oauth_token_secret}; or a refusal ({@code token_rejected}
   *     for an unknown or unapproved token, {@code token_used}, {@code verifier_invalid}, ...)
   */
  public ProviderResult exchange(AuthRequest request) {
    return exchange.exchange(request);
  }

  /**
   * The access-token endpoint under {@code gate}'s throttle, as {@link #issueRequestToken(AuthRequest, Gate)}
   * is for request tokens: the claimed consumer and the address are checked before any signature
   * is computed; a wrong signature or a wrong {@code oauth_verifier} counts against them (and the
   * verifier, as before, against the token: {@link Builder#maxVerifierFailures}); issued token
   * credentials clear the pair.
   *
   * @throws dev.portcullis.core.spi.StoreUnavailableException if the limiter cannot be reached
   *     (answer 503: fail closed)
   */
  public ProviderResult exchange(AuthRequest request, Gate gate) {
    return gate.guard(request, SCHEME, attempt -> exchange.exchange(request, attempt), Step::outcome).result();
  }

  /** The display name of public app {@code appId}, or empty when no such app (or its consumer) exists. */
  public Optional<String> publicAppName(String appId) {
    return publicApps.name(appId);
  }

  /**
   * The public-app flow: after {@code user} signed in and approved app {@code appId}, mints a
   * consumer key and secret for this user and app alone (same display name, HMAC and PLAINTEXT
   * methods, callback {@code oob}, expiring with the request token unless it is exchanged), and an
   * already approved request token with its verifier. The client exchanges it at the access-token
   * endpoint like any other request token.
   *
   * @return the code to show; empty when there is no such app or its consumer is disabled
   */
  public Optional<AuthorizationCode> authorizeApp(String appId, String user) {
    return publicApps.authorize(appId, user);
  }

  /** The access tokens {@code user} granted, without secrets, oldest first. */
  public List<AccessGrant> accessTokens(String user) {
    return grants.list(user);
  }

  /** Revokes access token {@code token} if {@code user} owns it; returns whether it was revoked now. */
  public boolean revoke(String user, String token) {
    return grants.revoke(user, token);
  }

  @Override
  public String toString() {
    return "OAuthProvider[requestTokenLifetime=" + requestTokenLifetime + "]";
  }

  /**
   * Builds an {@link OAuthProvider}. Each setter throws {@link IllegalStateException} when its
   * setting was already given (a second value is a wiring bug, not an override). Not thread-safe.
   */
  public static final class Builder {
    private @Nullable OAuth1Verifier verifier;
    private @Nullable UserDirectory users;
    private PublicAppRegistry publicApps = PublicAppRegistry.none();
    private SecureRandom random = new SecureRandom();
    private Duration requestTokenLifetime = Duration.ofMinutes(10);
    private @Nullable Duration accessTokenLifetime;
    private int verifierLength = 16;
    private int maxVerifierFailures = 5;
    private SecretProtector protector = SecretProtector.none();
    private Function<String, @Nullable String> accountOf = user -> null;
    private @Nullable AttemptLimiter limiter;
    private AttemptPolicy policy = AttemptPolicy.defaults();
    private final SettingsGiven given = new SettingsGiven();

    private Builder() {}

    /**
     * The verifier that checks signatures at the token endpoints. Its consumer store, token store
     * and clock are the provider's too.
     */
    public Builder verifier(OAuth1Verifier verifier) {
      given.once("verifier");
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Where the pages' failed sign-ins are counted; share one across nodes (Redis, JDBC) when there
     * are several. By default an {@link InMemoryAttemptLimiter} of its default size (3 MiB) on the
     * verifier's clock, for this node alone.
     */
    public Builder loginLimiter(AttemptLimiter limiter) {
      given.once("loginLimiter");
      this.limiter = Objects.requireNonNull(limiter, "limiter");
      return this;
    }

    /**
     * When failed sign-ins throttle the pages (429 with {@code Retry-After}): the same
     * {@link AttemptPolicy} the gate applies to the other schemes, {@link AttemptPolicy#defaults()}
     * unless given.
     */
    public Builder loginPolicy(AttemptPolicy policy) {
      given.once("loginPolicy");
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Who may sign in on the authorize pages. */
    public Builder users(UserDirectory users) {
      given.once("users");
      this.users = Objects.requireNonNull(users, "users");
      return this;
    }

    /** The apps of the public-app flow (none by default: {@code authorize_app} answers 404). */
    public Builder publicApps(PublicAppRegistry publicApps) {
      given.once("publicApps");
      this.publicApps = Objects.requireNonNull(publicApps, "publicApps");
      return this;
    }

    /** The source of token values, secrets and verifiers. */
    public Builder random(SecureRandom random) {
      given.once("random");
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * How long a request token may wait for approval and exchange (default 10 minutes); a
     * public-app consumer nobody exchanges lives as long.
     *
     * @throws IllegalArgumentException if not between 1 second and 1 hour
     */
    public Builder requestTokenLifetime(Duration lifetime) {
      if (lifetime.compareTo(Duration.ofSeconds(1)) < 0 || lifetime.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("request tokens should live between 1 second and 1 hour");
      }
      given.once("requestTokenLifetime");
      this.requestTokenLifetime = lifetime;
      return this;
    }

    /** How long access tokens live; null (the default) for until revoked. */
    public Builder accessTokenLifetime(@Nullable Duration lifetime) {
      if (lifetime != null && (lifetime.isZero() || lifetime.isNegative())) {
        throw new IllegalArgumentException("access token lifetime must be positive");
      }
      given.once("accessTokenLifetime");
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
      given.once("verifierLength");
      this.verifierLength = length;
      return this;
    }

    /**
     * Wrong verifiers tolerated on one request token before it is revoked (default 5). Only a
     * request signed with that token's secret counts, so nobody else can burn it.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxVerifierFailures(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxVerifierFailures must be at least 1");
      }
      given.once("maxVerifierFailures");
      this.maxVerifierFailures = max;
      return this;
    }

    /** Seals the secrets this provider mints (token and derived consumer secrets) for storage. */
    public Builder secretProtector(SecretProtector protector) {
      given.once("secretProtector");
      this.protector = Objects.requireNonNull(protector, "protector");
      return this;
    }

    /** Maps a user id to the account recorded on their tokens (default: none). */
    public Builder accountOf(Function<String, @Nullable String> accountOf) {
      given.once("accountOf");
      this.accountOf = Objects.requireNonNull(accountOf, "accountOf");
      return this;
    }

    /**
     * Builds the provider.
     *
     * @throws IllegalStateException if the verifier or the user directory is missing
     */
    public OAuthProvider build() {
      OAuth1Verifier v = verifier;
      UserDirectory u = users;
      if (v == null || u == null) {
        throw new IllegalStateException("an OAuthProvider needs a verifier and a user directory");
      }
      return new OAuthProvider(this, v, u);
    }
  }
}
