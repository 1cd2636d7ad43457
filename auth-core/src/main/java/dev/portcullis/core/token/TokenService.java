package dev.portcullis.core.token;

import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Issues, lists, revokes and verifies API tokens: the account's own ("legacy") token and the
 * scoped tokens generated here.
 *
 * <p>A generated token looks like {@code pct_<id>_<secret><check>}: a recognizable prefix, a public
 * id used as the lookup key, 22 base62 characters (about 131 bits) from {@link SecureRandom}, and a
 * CRC32 check so a mistyped token is refused without a store lookup. Only the SHA-256 of the whole
 * token is stored and it is compared with {@link MessageDigest#isEqual}. A presented token without
 * the prefix is an account's own API token: it is hashed the same way and looked up with
 * {@link AccountStore#findByApiTokenHash}, and may do anything on that account's API keys and
 * manage its tokens ({@code tokens(rw)}). A scoped token may do exactly what its permissions say,
 * narrowed to the API keys the account still owns.
 *
 * <pre>{@code
 * TokenService tokens = TokenService.builder()
 *     .tokenStore(new InMemoryApiTokenStore())
 *     .accounts(InMemoryAccountStore.builder()
 *         .account("demo", "demo_api_token", Set.of("key_demo_index")).build())
 *     .allowedScopes(Set.of("items", "facets", "redirects"))
 *     .build();
 * IssuedToken t = tokens.create("demo", "ci reader",
 *     List.of(new Permission("items", Operation.READ, Set.of("key_demo_index"))), Duration.ofDays(30));
 * Outcome o = tokens.verify(t.secret(), "Bearer");   // Authenticated, grants items(r) on key_demo_index
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance between the Basic and Bearer schemes and the
 * token-management endpoints.
 */
public final class TokenService {
  /** Longest token name accepted by {@link #create}. */
  public static final int MAX_NAME_LENGTH = 100;
  /** Most permissions one token may carry. */
  public static final int MAX_PERMISSIONS = 32;
  /** Most resources one permission may name. */
  public static final int MAX_RESOURCES = 100;
  /** Longest lifetime {@link #create} accepts. */
  public static final Duration MAX_EXPIRY = Duration.ofDays(3650);
  /** Longest presented token looked at; anything longer is malformed without being hashed. */
  static final int MAX_PRESENTED_LENGTH = 1024;

  static final String ATTR_TOKEN_ID = "token_id";
  static final String ATTR_TOKEN_KIND = "token_kind";
  private static final Map<String, String> ACCOUNT_ATTRIBUTES = Map.of(ATTR_TOKEN_KIND, "account");
  private static final Set<String> ACCOUNT_ROLES = Set.of("account");
  private static final Set<String> TOKEN_ROLES = Set.of("token");
  // Compared against when the id is unknown, so a miss costs what a hit costs.
  private static final byte[] DUMMY_HASH = new byte[32];

  private final ApiTokenStore store;
  private final AccountStore accounts;
  private final Clock clock;
  private final SecureRandom random;
  private final TokenFormat format;
  private final Set<String> allowedScopes;
  private final Duration lastUsedGranularity;
  private final int maxTokensPerAccount;
  // One digest per thread: cloning a prototype per request costs ~400 bytes of garbage.
  private final ThreadLocal<MessageDigest> sha256 = ThreadLocal.withInitial(TokenService::newSha256);

  private TokenService(Builder b) {
    this.store = b.tokenStore;
    this.accounts = b.accounts;
    this.clock = b.clock;
    this.random = b.random;
    this.format = new TokenFormat(b.prefix);
    this.allowedScopes = b.allowedScopes;
    this.lastUsedGranularity = b.lastUsedGranularity;
    this.maxTokensPerAccount = b.maxTokensPerAccount;
    newSha256(); // fail at construction, not on the first request, on a JVM without SHA-256
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The prefix every generated token starts with. */
  public String prefix() {
    return format.prefix();
  }

  /** The scopes a created token may name. */
  public Set<String> allowedScopes() {
    return allowedScopes;
  }

  /**
   * Creates a scoped token for {@code account}. The secret is in the result and nowhere else.
   *
   * @param account the account id (the caller has authenticated it, normally with its API token)
   * @param name a label, 1 to {@value #MAX_NAME_LENGTH} characters, no control characters
   * @param permissions at least one; each names an allowed scope and only API keys of the account
   * @param expiresIn lifetime, positive and at most {@link #MAX_EXPIRY}; null for no expiry
   * @throws IllegalArgumentException with a message safe to show the client when the input is not
   *     acceptable (the demo answers 400 with it)
   * @throws StoreUnavailableException if a store cannot be reached
   */
  public IssuedToken create(String account, String name, List<Permission> permissions, @Nullable Duration expiresIn) {
    Objects.requireNonNull(account, "account");
    String label = checkName(name);
    Account owner = accounts.find(account)
        .orElseThrow(() -> new IllegalArgumentException("Unknown account."));
    List<Permission> perms = checkPermissions(permissions, owner);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = null;
    if (expiresIn != null) {
      if (expiresIn.isNegative() || expiresIn.isZero()) {
        throw new IllegalArgumentException("expires_in must be positive.");
      }
      if (expiresIn.compareTo(MAX_EXPIRY) > 0) {
        throw new IllegalArgumentException("expires_in must be at most " + MAX_EXPIRY.toDays() + " days.");
      }
      expiresAt = now.plus(expiresIn);
    }
    for (int attempt = 0; attempt < 5; attempt++) {
      String id = format.newId(random);
      String secret = format.newToken(random, id);
      ApiTokenRecord rec = new ApiTokenRecord(id, account, label, perms, sha256(secret), now, expiresAt, null, false);
      // the store counts and inserts in one atomic step: two racing creates cannot pass the limit
      ApiTokenStore.Saved saved = store.save(rec, maxTokensPerAccount, now);
      if (saved == ApiTokenStore.Saved.SAVED) {
        return new IssuedToken(info(rec), secret);
      }
      if (saved == ApiTokenStore.Saved.LIMIT_REACHED) {
        throw new IllegalArgumentException("The account already has " + maxTokensPerAccount
            + " active tokens; revoke one first.");
      }
    }
    // 71-bit random ids do not collide five times in a row unless the random source is broken.
    throw new IllegalStateException("could not allocate a unique token id");
  }

  /**
   * The account's generated tokens, oldest first, revoked and expired ones included (see
   * {@link TokenInfo#revoked()} and {@link TokenInfo#expiredAt}). No secrets, no hashes.
   *
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public List<TokenInfo> list(String account) {
    List<ApiTokenRecord> records = store.findByAccount(account);
    List<TokenInfo> out = new ArrayList<>(records.size());
    for (ApiTokenRecord r : records) {
      out.add(info(r));
    }
    return List.copyOf(out);
  }

  /**
   * One of the account's tokens, if it has one with this id.
   *
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public Optional<TokenInfo> find(String account, String tokenId) {
    return store.find(tokenId).filter(r -> r.account().equals(account)).map(TokenService::info);
  }

  /**
   * Revokes one of the account's tokens; it is refused from then on.
   *
   * @return false when the account has no such token, or it was already revoked
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public boolean revoke(String account, String tokenId) {
    return store.revoke(account, tokenId);
  }

  /**
   * Verifies a presented token (what the Basic username or the Bearer credentials carried).
   *
   * <p>Never throws for anything the client sent. A store outage becomes a
   * {@link Reason#UNAVAILABLE} rejection (503): fail closed.
   *
   * @param presentedToken the token as sent
   * @param schemeName the name of the scheme that carried it; it becomes the identity's scheme and
   *     the rejection's scheme
   * @return {@link Outcome.Authenticated}, or {@link Outcome.Rejected} with
   *     {@link Reason#TOKEN_MALFORMED}, {@link Reason#TOKEN_UNKNOWN}, {@link Reason#TOKEN_REVOKED},
   *     {@link Reason#TOKEN_EXPIRED} or {@link Reason#UNAVAILABLE}
   */
  public Outcome verify(String presentedToken, String schemeName) {
    if (presentedToken.isEmpty() || presentedToken.length() > MAX_PRESENTED_LENGTH) {
      return new Outcome.Rejected(Reason.TOKEN_MALFORMED, schemeName);
    }
    try {
      if (format.claims(presentedToken)) {
        return verifyGenerated(presentedToken, schemeName);
      }
      return verifyAccountToken(presentedToken, schemeName);
    } catch (StoreUnavailableException e) {
      return new Outcome.Rejected(Reason.UNAVAILABLE, schemeName);
    }
  }

  private Outcome verifyAccountToken(String presented, String schemeName) {
    Optional<Account> found = accounts.findByApiTokenHash(sha256(presented));
    if (found.isEmpty()) {
      return new Outcome.Rejected(Reason.TOKEN_UNKNOWN, schemeName);
    }
    Account a = found.get();
    Grants grants = Grants.of(
        new Permission(Permission.ANY, Operation.READ_WRITE, a.apiKeys()),
        new Permission("tokens", Operation.READ_WRITE, Set.of(Permission.ANY)));
    return new Outcome.Authenticated(
        new Identity(a.id(), a.id(), null, schemeName, grants, ACCOUNT_ROLES, ACCOUNT_ATTRIBUTES));
  }

  private Outcome verifyGenerated(String presented, String schemeName) {
    String id = format.idOf(presented);
    if (id == null) {
      return new Outcome.Rejected(Reason.TOKEN_MALFORMED, schemeName);
    }
    byte[] hash = sha256(presented);
    Optional<ApiTokenRecord> found = store.find(id);
    if (found.isEmpty()) {
      MessageDigest.isEqual(hash, DUMMY_HASH);
      return new Outcome.Rejected(Reason.TOKEN_UNKNOWN, schemeName);
    }
    ApiTokenRecord r = found.get();
    if (!r.hashMatches(hash)) {
      return new Outcome.Rejected(Reason.TOKEN_UNKNOWN, schemeName);
    }
    if (r.revoked()) {
      return new Outcome.Rejected(Reason.TOKEN_REVOKED, schemeName);
    }
    Instant now = clock.instant();
    if (r.expiresAt() != null && !now.isBefore(r.expiresAt())) {
      return new Outcome.Rejected(Reason.TOKEN_EXPIRED, schemeName);
    }
    Optional<Account> owner = accounts.find(r.account());
    if (owner.isEmpty()) {
      // The account is gone; its tokens go with it.
      return new Outcome.Rejected(Reason.TOKEN_UNKNOWN, schemeName);
    }
    Instant last = r.lastUsedAt();
    if (last == null || !now.isBefore(last.plus(lastUsedGranularity))) {
      store.touch(id, now);
    }
    List<Permission> perms = narrow(r.permissions(), owner.get().apiKeys());
    return new Outcome.Authenticated(new Identity(r.account(), r.account(), null, schemeName,
        Grants.of(perms), TOKEN_ROLES, Map.of(ATTR_TOKEN_ID, id, ATTR_TOKEN_KIND, "scoped")));
  }

  /** Drops resources the account no longer owns, so a key moved away is not reachable through an old token. */
  private static List<Permission> narrow(List<Permission> perms, Set<String> apiKeys) {
    boolean all = true;
    for (Permission p : perms) {
      if (!apiKeys.containsAll(p.resources())) {
        all = false;
        break;
      }
    }
    if (all) {
      return perms;
    }
    List<Permission> out = new ArrayList<>(perms.size());
    for (Permission p : perms) {
      Set<String> keep = new java.util.HashSet<>(p.resources());
      keep.retainAll(apiKeys);
      if (!keep.isEmpty()) {
        out.add(new Permission(p.scope(), p.operation(), keep));
      }
    }
    return out;
  }

  private static String checkName(@Nullable String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A token needs a name.");
    }
    String s = name.strip();
    if (s.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("The name must be at most " + MAX_NAME_LENGTH + " characters.");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new IllegalArgumentException("The name must not contain control characters.");
      }
    }
    return s;
  }

  private List<Permission> checkPermissions(@Nullable List<Permission> permissions, Account owner) {
    if (permissions == null || permissions.isEmpty()) {
      throw new IllegalArgumentException("A token needs at least one permission.");
    }
    if (permissions.size() > MAX_PERMISSIONS) {
      throw new IllegalArgumentException("A token may carry at most " + MAX_PERMISSIONS + " permissions.");
    }
    for (Permission p : permissions) {
      if (p == null) {
        throw new IllegalArgumentException("A permission is missing.");
      }
      if (p.scope().equals(Permission.ANY)) {
        throw new IllegalArgumentException("A wildcard scope is not allowed; name the scope.");
      }
      if (!allowedScopes.contains(p.scope())) {
        throw new IllegalArgumentException("Unknown scope '" + clip(p.scope()) + "'.");
      }
      if (p.resources().isEmpty()) {
        throw new IllegalArgumentException("The permission for scope '" + p.scope() + "' names no resources.");
      }
      if (p.resources().size() > MAX_RESOURCES) {
        throw new IllegalArgumentException("A permission may name at most " + MAX_RESOURCES + " resources.");
      }
      for (String r : p.resources()) {
        if (r.equals(Permission.ANY)) {
          throw new IllegalArgumentException("A wildcard resource is not allowed; name the API keys.");
        }
        if (!owner.apiKeys().contains(r)) {
          throw new IllegalArgumentException("Resource '" + clip(r) + "' is not an API key of this account.");
        }
      }
    }
    return List.copyOf(permissions);
  }

  private static String clip(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 40) + 3);
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return s.length() > 40 ? sb.append("...").toString() : sb.toString();
  }

  private byte[] sha256(String token) {
    // digest() resets the instance, so the next use on this thread starts clean
    return sha256.get().digest(token.getBytes(StandardCharsets.UTF_8));
  }

  private static TokenInfo info(ApiTokenRecord r) {
    return new TokenInfo(r.id(), r.account(), r.name(), r.permissions(), r.createdAt(), r.expiresAt(),
        r.lastUsedAt(), r.revoked());
  }

  /** Configures a {@link TokenService}. Not thread-safe. */
  public static final class Builder {
    private @Nullable ApiTokenStore tokenStore;
    private @Nullable AccountStore accounts;
    private Clock clock = Clock.systemUTC();
    private @Nullable SecureRandom random;
    private String prefix = "pct_";
    private @Nullable Set<String> allowedScopes;
    private Duration lastUsedGranularity = Duration.ofMinutes(1);
    private int maxTokensPerAccount = 100;

    private Builder() {}

    /** Where generated tokens are kept (required). */
    public Builder tokenStore(ApiTokenStore tokenStore) {
      this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
      return this;
    }

    /** Where accounts and their API-token hashes are found (required). */
    public Builder accounts(AccountStore accounts) {
      this.accounts = Objects.requireNonNull(accounts, "accounts");
      return this;
    }

    /** The time source for creation, expiry and last use; defaults to the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The random source for ids and secrets; defaults to a new {@link SecureRandom}. */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The prefix of generated tokens, 1 to 16 of {@code A-Z a-z 0-9 _ -}; default {@code pct_}.
     * Account API tokens must not start with it.
     */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /** The scopes a created token may name, such as {@code items}; required, non-empty, no wildcard. */
    public Builder allowedScopes(Set<String> allowedScopes) {
      this.allowedScopes = Set.copyOf(allowedScopes);
      return this;
    }

    /**
     * How stale a token's last-used time may get before a verification writes it again; default one
     * minute, so a busy token does not cost a store write per request. Zero writes every time.
     */
    public Builder lastUsedGranularity(Duration granularity) {
      this.lastUsedGranularity = Objects.requireNonNull(granularity, "granularity");
      return this;
    }

    /** How many live (unrevoked, unexpired) tokens one account may hold; default 100. */
    public Builder maxTokensPerAccount(int max) {
      this.maxTokensPerAccount = max;
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
      if (prefix.isEmpty() || prefix.length() > 16) {
        throw new IllegalStateException("prefix must be 1 to 16 characters");
      }
      for (int i = 0; i < prefix.length(); i++) {
        char c = prefix.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
          throw new IllegalStateException("prefix may hold only A-Z a-z 0-9 _ -");
        }
      }
      if (lastUsedGranularity.isNegative()) {
        throw new IllegalStateException("lastUsedGranularity must not be negative");
      }
      if (maxTokensPerAccount < 1) {
        throw new IllegalStateException("maxTokensPerAccount must be positive");
      }
      if (random == null) {
        random = new SecureRandom();
      }
      return new TokenService(this);
    }
  }
}
