package dev.portcullis.console;

import dev.portcullis.core.SecurityEventListener;
import dev.portcullis.core.SecurityEvents;
import dev.portcullis.core.spi.oauth1.SecretProtector;

import dev.portcullis.core.oauth1.provider.CsrfTokens;
import dev.portcullis.core.AttemptPolicy;
import dev.portcullis.core.memory.InMemoryAttemptLimiter;
import dev.portcullis.core.oauth1.provider.SignIn;
import dev.portcullis.core.spi.AttemptLimiter;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import dev.portcullis.core.token.TokenAdmin;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The self-service console: where a signed-in customer creates and revokes API tokens, creates,
 * disables and re-enables API keys, registers OAuth applications and rotates their secrets, and
 * revokes the applications they authorized. It works over the very stores the schemes read, so a
 * revoked token or a disabled key is refused by the next request.
 *
 * <pre>{@code
 * Console console = Console.builder()
 *     .tokens(tokenService.admin()).accounts(accounts).scopes(Set.of("items", "facets"))
 *     .applications(apps).consumers(consumers).oauthTokens(oauthTokens)
 *     .owners(new InMemoryCredentialOwners())
 *     .login(userDirectory, user -> new ConsoleUser(user, accountOf(user)))   // or .signedIn(...)
 *     .build();
 * context.addServlet(new ServletHolder(console.pages()), "/console/*");
 * }</pre>
 *
 * <p>Immutable and thread-safe; the builder is not thread-safe and refuses a setting given twice.
 */
public final class Console {
  private final ConsoleActions actions;
  private final CsrfTokens csrf;
  private final @Nullable SignedIn signedIn;
  private final @Nullable UserDirectory users;
  private final @Nullable Function<String, @Nullable ConsoleUser> userMapping;
  private final @Nullable SignIn signIn;
  private final boolean requireSecure;
  private final String title;
  private final @Nullable String stylesheet;

  private Console(Builder b) {
    Clock clock = b.clock == null ? Clock.systemUTC() : b.clock;
    SecureRandom random = b.random == null ? new SecureRandom() : b.random;
    this.actions = new ConsoleActions(require(b.tokens, "tokens"), require(b.accounts, "accounts"),
        require(b.scopes, "scopes"), require(b.applications, "applications"), require(b.consumers, "consumers"),
        require(b.oauthTokens, "oauthTokens"), require(b.owners, "owners"), clock, random,
        b.protector == null ? SecretProtector.none() : b.protector, SecurityEvents.of(b.listeners));
    if ((b.signedIn == null) == (b.users == null)) {
      throw new IllegalStateException("give exactly one of login(...) and signedIn(...)");
    }
    this.csrf = b.csrf == null ? CsrfTokens.builder().clock(clock).lifetime(Duration.ofHours(1)).build() : b.csrf;
    this.signedIn = b.signedIn;
    this.users = b.users;
    this.userMapping = b.userMapping;
    // the authorize pages' sign-in: the gate's AttemptPolicy, PBKDF2 only after the limiter's read
    this.signIn = b.users == null ? null : new SignIn(b.users,
        b.limiter == null ? new InMemoryAttemptLimiter(clock, InMemoryAttemptLimiter.DEFAULT_CELLS_PER_ROW) : b.limiter,
        b.policy == null ? AttemptPolicy.defaults() : b.policy, clock);
    this.requireSecure = b.requireSecure == null || b.requireSecure;
    this.title = b.title == null ? "Portcullis console" : b.title;
    this.stylesheet = b.stylesheet;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A new servlet with the console's pages; mount it at {@code /<anything>/*}. */
  public ConsoleServlet pages() {
    return new ConsoleServlet(this);
  }

  /**
   * A new servlet with the console's actions as JSON (see {@link ConsoleJsonServlet}); mount it behind
   * the application's own authentication.
   *
   * @param signedIn who the authenticated caller is, from the request the application's filter passed on
   */
  public ConsoleJsonServlet json(SignedIn signedIn) {
    return new ConsoleJsonServlet(actions, signedIn);
  }

  ConsoleActions actions() {
    return actions;
  }

  CsrfTokens csrf() {
    return csrf;
  }

  @Nullable SignedIn signedIn() {
    return signedIn;
  }

  @Nullable UserDirectory users() {
    return users;
  }

  @Nullable Function<String, @Nullable ConsoleUser> userMapping() {
    return userMapping;
  }

  SecurityEvents events() {
    return actions.events();
  }

  @Nullable SignIn signIn() {
    return signIn;
  }

  boolean requireSecure() {
    return requireSecure;
  }

  String title() {
    return title;
  }

  @Nullable String stylesheet() {
    return stylesheet;
  }

  private static <T> T require(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalStateException(name + " is required");
    }
    return value;
  }

  /** Collects the console's settings. Not thread-safe; each setting may be given once. */
  public static final class Builder {
    private @Nullable TokenAdmin tokens;
    private @Nullable AccountStore accounts;
    private @Nullable Set<String> scopes;
    private @Nullable ApplicationRegistry applications;
    private @Nullable ConsumerStore consumers;
    private @Nullable OAuthTokenStore oauthTokens;
    private @Nullable CredentialOwners owners;
    private @Nullable SignedIn signedIn;
    private @Nullable UserDirectory users;
    private @Nullable Function<String, @Nullable ConsoleUser> userMapping;
    private @Nullable CsrfTokens csrf;
    private @Nullable AttemptLimiter limiter;
    private @Nullable AttemptPolicy policy;
    private @Nullable Clock clock;
    private @Nullable SecretProtector protector;
    private final java.util.List<SecurityEventListener> listeners = new java.util.ArrayList<>();
    private @Nullable SecureRandom random;
    private @Nullable Boolean requireSecure;
    private @Nullable String title;
    private @Nullable String stylesheet;

    private Builder() {}

    /** Creates, lists and revokes the API tokens (the same {@code TokenService}'s admin the schemes verify with). */
    public Builder tokens(TokenAdmin tokens) {
      this.tokens = once(this.tokens, tokens, "tokens");
      return this;
    }

    /** The accounts; a token's resources are offered from the account's API keys here. */
    public Builder accounts(AccountStore accounts) {
      this.accounts = once(this.accounts, accounts, "accounts");
      return this;
    }

    /** The scopes a token may name (the token service's allowed scopes). */
    public Builder scopes(Set<String> scopes) {
      this.scopes = once(this.scopes, Set.copyOf(scopes), "scopes");
      return this;
    }

    /** The API key registry Digest checks; it must support {@link ApplicationRegistry#add} and enable/disable. */
    public Builder applications(ApplicationRegistry applications) {
      this.applications = once(this.applications, applications, "applications");
      return this;
    }

    /** The OAuth consumers the provider and verifier read. */
    public Builder consumers(ConsumerStore consumers) {
      this.consumers = once(this.consumers, consumers, "consumers");
      return this;
    }

    /** The OAuth token store, for the applications a user authorized. */
    public Builder oauthTokens(OAuthTokenStore oauthTokens) {
      this.oauthTokens = once(this.oauthTokens, oauthTokens, "oauthTokens");
      return this;
    }

    /** Which account owns which API key and OAuth application (and each application's App ID). */
    public Builder owners(CredentialOwners owners) {
      this.owners = once(this.owners, owners, "owners");
      return this;
    }

    /**
     * Uses the console's own sign-in page over {@code users} (the authorize page's directory);
     * {@code mapping} turns the user id it answers into the console user, or null to refuse them.
     */
    public Builder login(UserDirectory users, Function<String, @Nullable ConsoleUser> mapping) {
      this.users = once(this.users, users, "login");
      this.userMapping = Objects.requireNonNull(mapping, "mapping");
      return this;
    }

    /** Trusts the application's own login instead of showing a sign-in page. */
    public Builder signedIn(SignedIn signedIn) {
      this.signedIn = once(this.signedIn, signedIn, "signedIn");
      return this;
    }

    /** The forms' CSRF tokens (default: a random key, one hour). With several nodes, share the key. */
    public Builder csrf(CsrfTokens csrf) {
      this.csrf = once(this.csrf, csrf, "csrf");
      return this;
    }

    /**
     * Where failed sign-ins are counted (default: an in-memory limiter of this node; give the
     * deployment's shared one so that every node counts the same failures).
     */
    public Builder loginLimiter(AttemptLimiter limiter) {
      this.limiter = once(this.limiter, limiter, "loginLimiter");
      return this;
    }

    /** The sign-in throttling policy (default: {@link AttemptPolicy#defaults()}, the gate's). */
    public Builder loginPolicy(AttemptPolicy policy) {
      this.policy = once(this.policy, policy, "loginPolicy");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = once(this.clock, clock, "clock");
      return this;
    }

    /**
     * How the consumer secrets of registered applications are sealed at rest; give the one the
     * {@code consumers} store opens them with (default {@link SecretProtector#none()}).
     */
    public Builder secretProtector(SecretProtector protector) {
      this.protector = once(this.protector, protector, "secretProtector");
      return this;
    }

    /**
     * Adds a listener for the console's security events (sign-ins, API keys created, disabled and
     * enabled, applications registered, secrets rotated, access revoked); repeatable. Token
     * creation and revocation are published by the {@code TokenAdmin}'s own listeners.
     *
     * @throws IllegalArgumentException at {@link #build} if the same listener was added twice
     */
    public Builder listener(SecurityEventListener listener) {
      listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
      return this;
    }

    public Builder random(SecureRandom random) {
      this.random = once(this.random, random, "random");
      return this;
    }

    /** Whether plain-HTTP requests are refused with 403 (default true; behind a TLS proxy see the README). */
    public Builder requireSecure(boolean requireSecure) {
      this.requireSecure = once(this.requireSecure, requireSecure, "requireSecure");
      return this;
    }

    /** The name in the page header and titles. */
    public Builder title(String title) {
      this.title = once(this.title, title, "title");
      return this;
    }

    /** A stylesheet URL to use instead of the console's own (an absolute path or URL). */
    public Builder stylesheet(String url) {
      this.stylesheet = once(this.stylesheet, url, "stylesheet");
      return this;
    }

    /**
     * Builds the console.
     *
     * @throws IllegalStateException if a store is missing, or neither or both of login and signedIn are given
     */
    public Console build() {
      return new Console(this);
    }

    private static <T> T once(@Nullable T current, T value, String name) {
      Objects.requireNonNull(value, name);
      if (current != null) {
        throw new IllegalStateException(name + " was already set");
      }
      return value;
    }
  }
}
