package dev.portcullis.console;

import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.SecurityEvents;
import dev.portcullis.core.spi.oauth1.SecretProtector;

import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.CredentialOwners;
import dev.portcullis.core.spi.ApplicationRegistry.Application;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SignatureMethod;
import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.core.token.CreateResult;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenAdmin;
import dev.portcullis.core.token.TokenInfo;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Every console action, with its rules, once: the pages and the JSON API both call these, so the
 * two cannot drift apart. Each method that changes state marks the one place where its security
 * event is emitted (the SecurityEventListener is wired in on another branch).
 *
 * <p>Thread-safe: it holds only the (thread-safe) stores.
 */
final class ConsoleActions {
  static final int MAX_NAME = 100;
  static final int MAX_CALLBACKS = 10;
  static final int MAX_CALLBACK_LENGTH = 500;
  static final int MAX_EXPIRY_DAYS = (int) TokenAdmin.MAX_EXPIRY.toDays();
  // oob, or http(s)://host[:port|:*][/path]; a trailing * makes a prefix pattern (Consumer#allowsCallback)
  private static final Pattern CALLBACK =
      Pattern.compile("oob|https?://[A-Za-z0-9.\\-]+(:(\\*|[0-9]{1,5}))?(/[\\x21-\\x7e]*)?");
  private static final Set<SignatureMethod> APP_METHODS =
      Set.of(SignatureMethod.HMAC_SHA1, SignatureMethod.HMAC_SHA256, SignatureMethod.HMAC_SHA512);

  /** One row of the token form: a scope, r / w / rw, and API keys of the account. */
  record PermissionRow(String scope, String operation, List<String> resources) {}

  /** An application the account registered, with its public App ID. */
  record App(Consumer consumer, @Nullable String appId) {}

  /** A new or rotated consumer secret, shown once. */
  record AppSecret(String consumerKey, String secret, @Nullable String appId, String name) {}

  /** An application the user authorized, with how many live access tokens it holds. */
  record Authorized(String consumerKey, String name, int tokens, Instant since) {}

  private final TokenAdmin tokens;
  private final AccountStore accounts;
  private final Set<String> scopes;
  private final ApplicationRegistry applications;
  private final ConsumerStore consumers;
  private final OAuthTokenStore oauthTokens;
  private final CredentialOwners owners;
  private final Clock clock;
  private final SecureRandom random;

  private final SecretProtector protector;
  private final SecurityEvents events;

  ConsoleActions(TokenAdmin tokens, AccountStore accounts, Set<String> scopes, ApplicationRegistry applications,
      ConsumerStore consumers, OAuthTokenStore oauthTokens, CredentialOwners owners, Clock clock,
      SecureRandom random, SecretProtector protector, SecurityEvents events) {
    this.protector = protector;
    this.events = events;
    this.tokens = tokens;
    this.accounts = accounts;
    this.scopes = Set.copyOf(scopes);
    this.applications = applications;
    this.consumers = consumers;
    this.oauthTokens = oauthTokens;
    this.owners = owners;
    this.clock = clock;
    this.random = random;
  }

  Set<String> scopes() {
    return new TreeSet<>(scopes);
  }

  Clock clock() {
    return clock;
  }

  // ---- API tokens

  List<TokenInfo> tokens(ConsoleUser u) {
    return tokens.list(u.account());
  }

  /** The API keys a token of this account may name: the ones the token scheme checks against. */
  List<String> resources(ConsoleUser u) {
    return accounts.find(u.account()).map(Account::apiKeys).map(s -> List.copyOf(new TreeSet<>(s))).orElse(List.of());
  }

  Result<IssuedToken> createToken(ConsoleUser u, @Nullable String name, List<PermissionRow> rows,
      @Nullable String expiresDays) {
    Duration expiresIn = null;
    if (expiresDays != null && !expiresDays.isBlank()) {
      String d = expiresDays.strip();
      if (!d.matches("[0-9]{1,5}") || Integer.parseInt(d) < 1 || Integer.parseInt(d) > MAX_EXPIRY_DAYS) {
        return Result.refused(400, "expiry_invalid", "expires_days",
            "Give the lifetime in whole days, from 1 to " + MAX_EXPIRY_DAYS + ", or leave it empty for no expiry.");
      }
      expiresIn = Duration.ofDays(Integer.parseInt(d));
    }
    List<@Nullable Permission> permissions = new ArrayList<>();
    for (PermissionRow row : rows) {
      Operation op;
      try {
        op = Operation.fromCode(row.operation());
      } catch (IllegalArgumentException e) {
        return Result.refused(400, "operation_invalid", "permissions", "The operation must be r, w or rw.");
      }
      if (row.resources().isEmpty()) {
        return Result.refused(400, "no_resources", "permissions",
            "Choose at least one API key for the permission on '" + clip(row.scope()) + "'.");
      }
      permissions.add(new Permission(row.scope(), op, Set.copyOf(row.resources())));
    }
    // the core decides (known scopes, the account's own keys, limits); we only translate its answer
    CreateResult r = tokens.create(u.account(), name, permissions, expiresIn);
    if (r instanceof CreateResult.Refused refused) {
      String field = switch (refused.problem()) {
        case NAME_MISSING, NAME_TOO_LONG, NAME_CONTROL_CHARACTER -> "name";
        case EXPIRY_NOT_POSITIVE, EXPIRY_TOO_FAR -> "expires_days";
        case UNKNOWN_ACCOUNT, LIMIT_REACHED -> null;
        default -> "permissions";
      };
      int status = refused.problem() == CreateResult.Problem.LIMIT_REACHED ? 409 : 400;
      return Result.refused(status, refused.problem().code(), field, refused.message());
    }
    // the TokenAdmin's listeners publish token_created (account, token id; never the secret)
    return Result.ok(r.orElseThrow());
  }

  boolean revokeToken(ConsoleUser u, String tokenId) {
    boolean revoked = tokens.revoke(u.account(), tokenId);
    if (revoked) {
      // the TokenAdmin's listeners publish token_revoked (account, token id)
    }
    return revoked;
  }

  // ---- API keys (Digest's {API key}%{user})

  List<Application> apiKeys(ConsoleUser u) {
    List<Application> out = new ArrayList<>();
    for (String key : new TreeSet<>(owners.apiKeys(u.account()))) {
      Application a = applications.find(key);
      if (a != null) {
        out.add(a);
      }
    }
    return out;
  }

  Result<Application> createApiKey(ConsoleUser u, @Nullable String name) {
    Result<String> n = name(name, "name");
    if (n instanceof Result.Refused<String> r) {
      return Result.refused(r.status(), r.code(), r.field(), r.message());
    }
    // UUID.randomUUID draws from SecureRandom; the shape matches the keys Digest usernames carry
    Application app = new Application(java.util.UUID.randomUUID().toString(), ((Result.Ok<String>) n).value(), true);
    if (!owners.claimApiKey(u.account(), app.apiKey()) || !applications.add(app)) {
      throw new IllegalStateException("a fresh random API key was already taken");
    }
    events.publish(new SecurityEvent.CredentialChanged(clock.instant(), null,
        SecurityEvent.CredentialChanged.Change.KEY_CREATED, u.account(), app.apiKey(), u.user()));
    return Result.ok(app);
  }

  Result<Application> setKeyEnabled(ConsoleUser u, String apiKey, boolean enabled) {
    if (!owners.apiKeys(u.account()).contains(apiKey)) {
      return Result.refused(404, "unknown_api_key", null, "This account has no such API key.");
    }
    boolean known = enabled ? applications.enable(apiKey) : applications.disable(apiKey);
    Application now = applications.find(apiKey);
    if (!known || now == null) {
      return Result.refused(404, "unknown_api_key", null, "This account has no such API key.");
    }
    if (enabled) {
      events.publish(new SecurityEvent.CredentialChanged(clock.instant(), null,
          SecurityEvent.CredentialChanged.Change.KEY_ENABLED, u.account(), apiKey, u.user()));
    } else {
      events.publish(new SecurityEvent.KeyDisabled(clock.instant(), null, apiKey, u.user()));
    }
    return Result.ok(now);
  }

  // ---- OAuth applications the account registered

  List<App> apps(ConsoleUser u) {
    List<App> out = new ArrayList<>();
    for (String key : owners.consumers(u.account())) {
      Consumer c = consumers.find(key);
      if (c != null) {
        out.add(new App(c, owners.appIdOf(key).orElse(null)));
      }
    }
    return out;
  }

  Result<AppSecret> registerApp(ConsoleUser u, @Nullable String name, @Nullable String callbacksText) {
    Result<String> n = name(name, "app_name");
    if (n instanceof Result.Refused<String> r) {
      return Result.refused(r.status(), r.code(), r.field(), r.message());
    }
    List<String> callbacks = new ArrayList<>();
    for (String line : (callbacksText == null ? "" : callbacksText).split("[\\r\\n]+")) {
      String c = line.strip();
      if (c.isEmpty()) {
        continue;
      }
      if (c.length() > MAX_CALLBACK_LENGTH || !CALLBACK.matcher(c).matches()) {
        return Result.refused(400, "callback_invalid", "callbacks", "Callback '" + clip(c)
            + "' is not oob or an http(s) URL (a port may be *, a path may end in *).");
      }
      callbacks.add(c);
    }
    if (callbacks.isEmpty() || callbacks.size() > MAX_CALLBACKS) {
      return Result.refused(400, "callbacks_count", "callbacks",
          "Give 1 to " + MAX_CALLBACKS + " callbacks, one a line (oob for out-of-band).");
    }
    String key = "ck_" + randomText(18);
    String secret = randomText(24);
    String appId = HexFormat.of().formatHex(randomBytes(4));
    Consumer consumer = Consumer.builder(key, ProtectedSecret.seal(secret, protector))
        .displayName(((Result.Ok<String>) n).value())
        .methods(APP_METHODS)
        .callbacks(callbacks)
        .build();
    if (!consumers.addIfAbsent(consumer)) {
      throw new IllegalStateException("a fresh random consumer key was already taken");
    }
    if (!owners.claimConsumer(u.account(), key, appId)) {
      consumers.remove(key);
      return Result.refused(409, "try_again", null, "Please try again.");
    }
    events.publish(new SecurityEvent.CredentialChanged(clock.instant(), null,
        SecurityEvent.CredentialChanged.Change.APP_REGISTERED, u.account(), key, u.user()));
    return Result.ok(new AppSecret(key, secret, appId, consumer.displayName()));
  }

  Result<AppSecret> rotateSecret(ConsoleUser u, String consumerKey) {
    Consumer c = owners.consumers(u.account()).contains(consumerKey) ? consumers.find(consumerKey) : null;
    if (c == null) {
      return Result.refused(404, "unknown_application", null, "This account has no such application.");
    }
    String secret = randomText(24);
    // save replaces: from now on only the new secret signs (tokens issued to the app stay valid)
    consumers.save(new Consumer(c.key(), ProtectedSecret.seal(secret, protector), c.rsaKey(), c.methods(), c.callbacks(),
        c.displayName(), c.enabled()));
    events.publish(new SecurityEvent.CredentialChanged(clock.instant(), null,
        SecurityEvent.CredentialChanged.Change.APP_SECRET_ROTATED, u.account(), c.key(), u.user()));
    return Result.ok(new AppSecret(c.key(), secret, owners.appIdOf(c.key()).orElse(null), c.displayName()));
  }

  // ---- OAuth applications the user authorized

  List<Authorized> authorized(ConsoleUser u) {
    Instant now = clock.instant();
    Map<String, Authorized> byConsumer = new LinkedHashMap<>();
    for (OAuthToken t : oauthTokens.accessTokens(u.user())) {
      if (t.kind() != TokenKind.ACCESS || t.state() != TokenState.AUTHORIZED || t.isExpired(now)) {
        continue;
      }
      byConsumer.merge(t.consumerKey(), new Authorized(t.consumerKey(), appName(t.consumerKey()), 1, t.createdAt()),
          (a, b) -> new Authorized(a.consumerKey(), a.name(), a.tokens() + 1, a.since()));
    }
    return List.copyOf(byConsumer.values());
  }

  /** Revokes every live access token the user gave this application; returns how many. */
  int revokeAuthorized(ConsoleUser u, String consumerKey) {
    int n = 0;
    for (OAuthToken t : oauthTokens.accessTokens(u.user())) {
      if (t.consumerKey().equals(consumerKey) && t.state() == TokenState.AUTHORIZED
          && oauthTokens.revoke(t.token(), u.user())) {
        n++;
      }
    }
    if (n > 0) {
      events.publish(new SecurityEvent.CredentialChanged(clock.instant(), null,
          SecurityEvent.CredentialChanged.Change.ACCESS_REVOKED, u.user(), consumerKey, u.user()));
    }
    return n;
  }

  private String appName(String consumerKey) {
    Consumer c = consumers.find(consumerKey);
    return c == null ? consumerKey : c.displayName();
  }

  SecurityEvents events() {
    return events;
  }

  // ---- helpers

  private static Result<String> name(@Nullable String name, String field) {
    if (name == null || name.isBlank()) {
      return Result.refused(400, "name_missing", field, "Give it a name.");
    }
    String s = name.strip();
    if (s.length() > MAX_NAME) {
      return Result.refused(400, "name_too_long", field, "The name must be at most " + MAX_NAME + " characters.");
    }
    if (s.chars().anyMatch(Character::isISOControl)) {
      return Result.refused(400, "name_control_character", field, "The name must not contain control characters.");
    }
    return Result.ok(s);
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private String randomText(int bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
  }

  static String clip(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 40; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return s.length() > 40 ? sb + "..." : sb.toString();
  }
}
