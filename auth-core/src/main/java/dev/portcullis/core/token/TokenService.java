package dev.portcullis.core.token;

import dev.portcullis.core.SecurityEventListener;
import dev.portcullis.core.SecurityEvents;

import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApiTokenStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * API tokens over one pair of stores: built once, then used in two parts, the {@link #verifier()}
 * that the Basic and Bearer schemes call on every request and the {@link #admin()} that creates,
 * lists and revokes tokens for the dashboard.
 *
 * <p>Both parts share the stores, the clock and the token format, so a token created by the admin
 * part is accepted by the verifier of the same service. Tokens are generated as
 * {@code <prefix><id>_<secret><check>} and kept only as a SHA-256 hash; see {@link TokenVerifier}
 * and {@link TokenAdmin}.
 *
 * <pre>{@code
 * TokenService tokens = TokenService.builder()
 *     .tokenStore(new InMemoryApiTokenStore())
 *     .accounts(InMemoryAccountStore.builder()
 *         .account("demo", "demo_api_token", Set.of("key_demo_index")).build())
 *     .allowedScopes(Set.of("items", "facets", "redirects"))
 *     .build();
 * IssuedToken t = tokens.admin().create("demo", "ci reader",
 *     List.of(new Permission("items", Operation.READ, Set.of("key_demo_index"))), Duration.ofDays(30))
 *     .orElseThrow();
 * Outcome o = tokens.verifier().verify(t.secret(), "Bearer");   // Authenticated, items(r) on key_demo_index
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance between the schemes and the token-management
 * endpoints.
 */
public final class TokenService {
  private final TokenVerifier verifier;
  private final TokenAdmin admin;
  private final String prefix;
  private final Set<String> allowedScopes;

  private TokenService(Builder b, ApiTokenStore store, AccountStore accounts, Set<String> scopes) {
    TokenHash.requireAvailable(); // fail at construction, not on the first request
    Clock clock = b.clock == null ? Clock.systemUTC() : b.clock;
    SecureRandom random = b.random == null ? new SecureRandom() : b.random;
    TokenFormat format = new TokenFormat(b.prefix == null ? Builder.DEFAULT_PREFIX : b.prefix);
    Duration granularity = b.lastUsedGranularity == null ? Builder.DEFAULT_GRANULARITY : b.lastUsedGranularity;
    int limit = b.maxTokensPerAccount == null ? Builder.DEFAULT_MAX_TOKENS : b.maxTokensPerAccount;
    this.prefix = format.prefix();
    this.allowedScopes = scopes;
    this.verifier = new TokenVerifier(store, accounts, clock, format, granularity);
    this.admin = new TokenAdmin(store, accounts, clock, random, format, new CreateChecks(scopes), limit,
        SecurityEvents.of(b.listeners));
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The hot path: verifies presented tokens. */
  public TokenVerifier verifier() {
    return verifier;
  }

  /** Creates, lists, finds and revokes tokens. */
  public TokenAdmin admin() {
    return admin;
  }

  /** The prefix every generated token starts with. */
  public String prefix() {
    return prefix;
  }

  /** The scopes a created token may name. */
  public Set<String> allowedScopes() {
    return allowedScopes;
  }

  @Override
  public String toString() {
    return "TokenService[prefix=" + prefix + ", scopes=" + allowedScopes + "]";
  }

  /**
   * Configures a {@link TokenService}. Each setting may be given once: a second call throws
   * {@link IllegalStateException}, so two pieces of setup code cannot silently override each other.
   * Not thread-safe.
   */
  public static final class Builder {
    static final String DEFAULT_PREFIX = "pct_";
    static final Duration DEFAULT_GRANULARITY = Duration.ofMinutes(1);
    static final int DEFAULT_MAX_TOKENS = 100;

    private @Nullable ApiTokenStore tokenStore;
    private @Nullable AccountStore accounts;
    private @Nullable Clock clock;
    private @Nullable SecureRandom random;
    private @Nullable String prefix;
    private @Nullable Set<String> allowedScopes;
    private @Nullable Duration lastUsedGranularity;
    private @Nullable Integer maxTokensPerAccount;
    private final java.util.List<SecurityEventListener> listeners = new java.util.ArrayList<>();

    private Builder() {}

    /**
     * Where generated tokens are kept (required).
     *
     * @throws IllegalStateException if already set
     */
    public Builder tokenStore(ApiTokenStore tokenStore) {
      requireUnset(this.tokenStore, "tokenStore");
      this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
      return this;
    }

    /**
     * Where accounts and their API-token hashes are found (required).
     *
     * @throws IllegalStateException if already set
     */
    public Builder accounts(AccountStore accounts) {
      requireUnset(this.accounts, "accounts");
      this.accounts = Objects.requireNonNull(accounts, "accounts");
      return this;
    }

    /**
     * The time source for creation, expiry and last use; defaults to the UTC system clock.
     *
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The random source for ids and secrets; defaults to a new {@link SecureRandom}.
     *
     * @throws IllegalStateException if already set
     */
    public Builder random(SecureRandom random) {
      requireUnset(this.random, "random");
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The prefix of generated tokens, 1 to 16 of {@code A-Z a-z 0-9 _ -}; default {@code pct_}.
     * Account API tokens must not start with it.
     *
     * @throws IllegalStateException if already set
     */
    public Builder prefix(String prefix) {
      requireUnset(this.prefix, "prefix");
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * The scopes a created token may name, such as {@code items}; required, non-empty, no wildcard.
     *
     * @throws IllegalStateException if already set
     */
    public Builder allowedScopes(Set<String> allowedScopes) {
      requireUnset(this.allowedScopes, "allowedScopes");
      this.allowedScopes = Set.copyOf(allowedScopes);
      return this;
    }

    /**
     * How stale a token's last-used time may get before a verification writes it again; default one
     * minute, so a busy token does not cost a store write per request. Zero writes every time.
     *
     * @throws IllegalStateException if already set
     */
    public Builder lastUsedGranularity(Duration granularity) {
      requireUnset(this.lastUsedGranularity, "lastUsedGranularity");
      this.lastUsedGranularity = Objects.requireNonNull(granularity, "granularity");
      return this;
    }

    /**
     * How many live (unrevoked, unexpired) tokens one account may hold; default 100.
     *
     * @throws IllegalStateException if already set
     */
    public Builder maxTokensPerAccount(int max) {
      requireUnset(this.maxTokensPerAccount, "maxTokensPerAccount");
      this.maxTokensPerAccount = max;
      return this;
    }

    /**
     * Adds a listener for the {@link dev.portcullis.core.SecurityEvent.TokenCreated} and
     * {@link dev.portcullis.core.SecurityEvent.TokenRevoked} events of {@link TokenAdmin};
     * repeatable, called in the order added (the gate's listeners see the verifications).
     *
     * @throws IllegalArgumentException at {@link #build} if the same listener was added twice
     */
    public Builder listener(SecurityEventListener listener) {
      listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the service.
     *
     * @throws IllegalStateException if a store or the allowed scopes are missing, or a setting is
     *     out of range (bad prefix, negative granularity, non-positive token limit)
     */
    public TokenService build() {
      if (tokenStore == null) {
        throw new IllegalStateException("tokenStore is required");
      }
      if (accounts == null) {
        throw new IllegalStateException("accounts is required");
      }
      if (allowedScopes == null || allowedScopes.isEmpty()) {
        throw new IllegalStateException("allowedScopes is required and must not be empty");
      }
      for (String s : allowedScopes) {
        if (s.isEmpty() || s.equals(Permission.ANY) || s.length() > 64) {
          throw new IllegalStateException("allowed scopes must be names of 1 to 64 characters, not the wildcard");
        }
      }
      if (prefix != null) {
        checkPrefix(prefix);
      }
      if (lastUsedGranularity != null && lastUsedGranularity.isNegative()) {
        throw new IllegalStateException("lastUsedGranularity must not be negative");
      }
      if (maxTokensPerAccount != null && maxTokensPerAccount < 1) {
        throw new IllegalStateException("maxTokensPerAccount must be positive");
      }
      return new TokenService(this, tokenStore, accounts, allowedScopes);
    }

    private static void checkPrefix(String prefix) {
      if (prefix.isEmpty() || prefix.length() > 16) {
        throw new IllegalStateException("prefix must be 1 to 16 characters");
      }
      for (int i = 0; i < prefix.length(); i++) {
        char c = prefix.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
          throw new IllegalStateException("prefix may hold only A-Z a-z 0-9 _ -");
        }
      }
    }

    // As Caffeine's requireState: a setting given twice is a setup bug, not a last-one-wins.
    private static void requireUnset(@Nullable Object current, String setting) {
      if (current != null) {
        throw new IllegalStateException(setting + " was already set");
      }
    }
  }
}
