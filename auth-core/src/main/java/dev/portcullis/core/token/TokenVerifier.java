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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a presented API token: the hot path behind {@link BasicTokenScheme} and
 * {@link BearerTokenScheme}.
 *
 * <p>A token with the service's prefix is a generated one: its shape and CRC32 check are tested
 * before any store is asked (a typo costs no lookup), its id is looked up, the SHA-256 of the whole
 * token is compared with the stored hash in constant time ({@link MessageDigest#isEqual}, also
 * against a dummy when the id is unknown, so a miss costs what a hit costs), then revocation and
 * expiry are checked and the owner's current API keys narrow its permissions. The last-used time
 * is written behind, at most once per {@code lastUsedGranularity}, so a busy token does not cost a
 * store write per request. A token without the prefix is an account's own API token, found by its
 * hash ({@link AccountStore#findByApiTokenHash}); it may do anything on the account's API keys and
 * manage its tokens ({@code tokens(rw)}).
 *
 * <pre>{@code
 * TokenVerifier verifier = TokenService.builder()...build().verifier();
 * Outcome o = verifier.verify("pct_...", "Bearer");
 * }</pre>
 *
 * <p>Obtained from {@link TokenService#verifier()}. Immutable and thread-safe.
 */
public final class TokenVerifier {
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
  private final TokenFormat format;
  private final long lastUsedMillis;

  TokenVerifier(ApiTokenStore store, AccountStore accounts, Clock clock, TokenFormat format,
      Duration lastUsedGranularity) {
    this.store = store;
    this.accounts = accounts;
    this.clock = clock;
    this.format = format;
    this.lastUsedMillis = lastUsedGranularity.toMillis();
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
    return verify(presentedToken, 0, presentedToken.length(), schemeName);
  }

  /** {@link #verify(String, String)} of {@code text[from, to)}, read in place (the Bearer header). */
  Outcome verify(String text, int from, int to, String schemeName) {
    int length = to - from;
    if (length <= 0 || length > MAX_PRESENTED_LENGTH) {
      return new Outcome.Rejected(Reason.TOKEN_MALFORMED, schemeName);
    }
    try {
      if (!format.claims(text, from)) {
        return verifyAccountToken(text.substring(from, to), schemeName);
      }
      if (length != format.length()) {
        return new Outcome.Rejected(Reason.TOKEN_MALFORMED, schemeName);
      }
      TokenHash.Scratch scratch = TokenHash.acquire();
      try {
        byte[] ascii = scratch.token(length);
        if (!TokenFormat.toAscii(text, from, ascii)) {
          return new Outcome.Rejected(Reason.TOKEN_MALFORMED, schemeName);
        }
        return verifyGenerated(ascii, schemeName, scratch);
      } finally {
        scratch.release();
      }
    } catch (StoreUnavailableException e) {
      return new Outcome.Rejected(Reason.UNAVAILABLE, schemeName);
    }
  }

  /**
   * {@link #verify(String, String)} of a token given as its bytes {@code b[0, length)} (the Basic
   * user-id, decoded from base64): a generated token is verified from a copy of the bytes, with no
   * string made of it. Bytes outside ASCII are never a generated token.
   */
  Outcome verify(byte[] b, int length, String schemeName) {
    if (length <= 0 || length > MAX_PRESENTED_LENGTH) {
      return new Outcome.Rejected(Reason.TOKEN_MALFORMED, schemeName);
    }
    try {
      if (!format.claims(b, length)) {
        return verifyAccountToken(new String(b, 0, length, StandardCharsets.UTF_8), schemeName);
      }
      if (length != format.length()) {
        return new Outcome.Rejected(Reason.TOKEN_MALFORMED, schemeName);
      }
      TokenHash.Scratch scratch = TokenHash.acquire();
      try {
        byte[] ascii = scratch.token(length);
        System.arraycopy(b, 0, ascii, 0, length);
        return verifyGenerated(ascii, schemeName, scratch);
      } finally {
        scratch.release();
      }
    } catch (StoreUnavailableException e) {
      return new Outcome.Rejected(Reason.UNAVAILABLE, schemeName);
    }
  }

  private Outcome verifyAccountToken(String presented, String schemeName) {
    Optional<Account> found = accounts.findByApiTokenHash(TokenHash.of(presented));
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

  private Outcome verifyGenerated(byte[] ascii, String schemeName, TokenHash.Scratch scratch) {
    // One per-thread copy of the token (ascii, the scratch's) serves the shape check, the CRC, the
    // id and the hash, so a verification makes no garbage of its own but the id and the identity.
    // A well-formed token is ASCII, whose bytes are its UTF-8 bytes, as TokenAdmin hashed them.
    if (!format.wellFormed(ascii, scratch.crc)) {
      return new Outcome.Rejected(Reason.TOKEN_MALFORMED, schemeName);
    }
    String id = format.idOf(ascii);
    byte[] hash = scratch.hash(ascii, ascii.length);
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
    // Milliseconds, not an Instant: the clock is read on every request, the Instant is needed only
    // for the (rare) last-used write.
    long now = clock.millis();
    Instant expires = r.expiresAt();
    if (expires != null && !before(now, expires)) {
      return new Outcome.Rejected(Reason.TOKEN_EXPIRED, schemeName);
    }
    Optional<Account> owner = accounts.find(r.account());
    if (owner.isEmpty()) {
      // The account is gone; its tokens go with it.
      return new Outcome.Rejected(Reason.TOKEN_UNKNOWN, schemeName);
    }
    Instant last = r.lastUsedAt();
    if (last == null || now - last.toEpochMilli() >= lastUsedMillis) {
      store.touch(id, Instant.ofEpochMilli(now));
    }
    List<Permission> perms = narrow(r.permissions(), owner.get().apiKeys());
    return new Outcome.Authenticated(new Identity(r.account(), r.account(), null, schemeName,
        Grants.of(perms), TOKEN_ROLES, Map.of(ATTR_TOKEN_ID, id, ATTR_TOKEN_KIND, "scoped")));
  }

  /** Whether the instant {@code millis} (epoch milliseconds) is strictly before {@code t}. */
  static boolean before(long millis, Instant t) {
    long sec = Math.floorDiv(millis, 1000L);
    long ts = t.getEpochSecond();
    if (sec != ts) {
      return sec < ts;
    }
    return Math.floorMod(millis, 1000L) * 1_000_000L < t.getNano();
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
      Set<String> keep = new HashSet<>(p.resources());
      keep.retainAll(apiKeys);
      if (!keep.isEmpty()) {
        out.add(new Permission(p.scope(), p.operation(), keep));
      }
    }
    return out;
  }
}
