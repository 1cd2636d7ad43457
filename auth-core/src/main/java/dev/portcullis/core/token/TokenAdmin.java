package dev.portcullis.core.token;

import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.SecurityEvents;

import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.token.CreateResult.Problem;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Creates, lists, finds and revokes an account's scoped API tokens: what a dashboard does.
 *
 * <p>A created token looks like {@code pct_<id>_<secret><check>}: the service's prefix, a public id
 * used as the lookup key, 22 base62 characters (about 131 bits) from {@link SecureRandom}, and a
 * CRC32 check. Only the SHA-256 of the whole token is stored. Bad client input is answered with a
 * {@link CreateResult.Refused}, never an exception; the per-account limit is enforced by the store
 * in the same atomic step as the insert ({@link ApiTokenStore#save}), so racing creates cannot pass it.
 *
 * <p>{@link #create} and {@link #revoke} are the one place where a token comes into being and where
 * one is revoked: hook audit events in there.
 *
 * <pre>{@code
 * TokenAdmin admin = TokenService.builder()...build().admin();
 * CreateResult r = admin.create("demo", "ci reader",
 *     List.of(new Permission("items", Operation.READ, Set.of("key_demo_index"))), Duration.ofDays(30));
 * }</pre>
 *
 * <p>Obtained from {@link TokenService#admin()}. Immutable and thread-safe.
 */
public final class TokenAdmin {
  /** Longest token name accepted by {@link #create}. */
  public static final int MAX_NAME_LENGTH = 100;
  /** Most permissions one token may carry. */
  public static final int MAX_PERMISSIONS = 32;
  /** Most resources one permission may name. */
  public static final int MAX_RESOURCES = 100;
  /** Longest lifetime {@link #create} accepts. */
  public static final Duration MAX_EXPIRY = Duration.ofDays(3650);
  // 71-bit random ids do not collide this often in a row unless the random source is broken.
  private static final int ID_ATTEMPTS = 5;

  private final ApiTokenStore store;
  private final AccountStore accounts;
  private final Clock clock;
  private final SecureRandom random;
  private final TokenFormat format;
  private final CreateChecks checks;
  private final int maxTokensPerAccount;

  private final SecurityEvents events;

  TokenAdmin(ApiTokenStore store, AccountStore accounts, Clock clock, SecureRandom random,
      TokenFormat format, CreateChecks checks, int maxTokensPerAccount, SecurityEvents events) {
    this.events = events;
    this.store = store;
    this.accounts = accounts;
    this.clock = clock;
    this.random = random;
    this.format = format;
    this.checks = checks;
    this.maxTokensPerAccount = maxTokensPerAccount;
  }

  /**
   * Creates a scoped token for {@code account}. The secret is in the result and nowhere else.
   *
   * @param account the account id (the caller has authenticated it, normally with its API token)
   * @param name a label, 1 to {@value #MAX_NAME_LENGTH} characters after stripping, no control characters
   * @param permissions 1 to {@value #MAX_PERMISSIONS}; each names an allowed scope and 1 to
   *     {@value #MAX_RESOURCES} API keys of the account, no wildcard
   * @param expiresIn lifetime, positive and at most {@link #MAX_EXPIRY}; null for no expiry
   * @return {@link CreateResult.Created} with the token, or {@link CreateResult.Refused} with a
   *     {@link Problem} and a message safe to show the client; nothing is stored when refused
   * @throws StoreUnavailableException if a store cannot be reached
   * @throws IllegalStateException if no unique token id could be drawn (a broken random source)
   */
  public CreateResult create(String account, @Nullable String name, @Nullable List<@Nullable Permission> permissions,
      @Nullable Duration expiresIn) {
    Objects.requireNonNull(account, "account");
    CreateResult.Refused refused = CreateChecks.name(name);
    if (refused != null) {
      return refused;
    }
    Optional<Account> owner = accounts.find(account);
    if (owner.isEmpty()) {
      return CreateChecks.refuse(Problem.UNKNOWN_ACCOUNT, "Unknown account.");
    }
    refused = checks.permissions(permissions, owner.get());
    if (refused == null) {
      refused = CreateChecks.expiry(expiresIn);
    }
    if (refused != null) {
      return refused;
    }
    // both checked above: a non-blank name, a non-empty list without null entries
    return store(account, Objects.requireNonNull(name).strip(),
        List.copyOf(Objects.requireNonNull(permissions)), expiresIn);
  }

  private CreateResult store(String account, String label, List<Permission> perms, @Nullable Duration expiresIn) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = expiresIn == null ? null : now.plus(expiresIn);
    for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      String id = format.newId(random);
      String secret = format.newToken(random, id);
      ApiTokenRecord rec = new ApiTokenRecord(id, account, label, perms, TokenHash.of(secret), now, expiresAt, null, false);
      // the store counts and inserts in one atomic step: two racing creates cannot pass the limit
      ApiTokenStore.Saved saved = store.save(rec, maxTokensPerAccount, now);
      if (saved == ApiTokenStore.Saved.SAVED) {
        if (events.active()) {
          // the id only, never the secret; the account is the actor: its own credential asked
          events.publish(new SecurityEvent.TokenCreated(now, null, account, id, account));
        }
        return new CreateResult.Created(new IssuedToken(info(rec), secret));
      }
      if (saved == ApiTokenStore.Saved.LIMIT_REACHED) {
        return CreateChecks.refuse(Problem.LIMIT_REACHED, "The account already has " + maxTokensPerAccount
            + " active tokens; revoke one first.");
      }
    }
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
   * One of the account's tokens, if it has one with this id; another account's token is not found.
   *
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public Optional<TokenInfo> find(String account, String tokenId) {
    return store.find(tokenId).filter(r -> r.account().equals(account)).map(TokenAdmin::info);
  }

  /**
   * Revokes one of the account's tokens; it is refused from then on.
   *
   * @return false when the account has no such token, or it was already revoked
   * @throws StoreUnavailableException if the store cannot be reached
   */
  public boolean revoke(String account, String tokenId) {
    boolean revoked = store.revoke(account, tokenId);
    if (revoked && events.active()) {
      events.publish(new SecurityEvent.TokenRevoked(clock.instant(), null, account, tokenId, account));
    }
    return revoked;
  }

  private static TokenInfo info(ApiTokenRecord r) {
    return new TokenInfo(r.id(), r.account(), r.name(), r.permissions(), r.createdAt(), r.expiresAt(),
        r.lastUsedAt(), r.revoked());
  }
}
