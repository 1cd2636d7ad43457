package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What every flow of the provider shares: the token store and clock (the verifier's own), the
 * random source, the lifetimes, and the minting of token values, secrets and verifiers. One per
 * provider; immutable and thread-safe.
 */
final class TokenMint {
  static final String SCHEME = OAuthProvider.SCHEME;
  private static final int TOKEN_LENGTH = 24;
  private static final int SECRET_LENGTH = 40;

  final OAuthTokenStore tokens;
  final Clock clock;
  final Duration requestTokenLifetime;
  final @Nullable Duration accessTokenLifetime;
  private final SecureRandom random;
  private final int verifierLength;
  private final SecretProtector protector;
  private final Function<String, @Nullable String> accountOf;

  TokenMint(OAuthTokenStore tokens, Clock clock, SecureRandom random, Duration requestTokenLifetime,
      @Nullable Duration accessTokenLifetime, int verifierLength, SecretProtector protector,
      Function<String, @Nullable String> accountOf) {
    this.tokens = tokens;
    this.clock = clock;
    this.random = random;
    this.requestTokenLifetime = requestTokenLifetime;
    this.accessTokenLifetime = accessTokenLifetime;
    this.verifierLength = verifierLength;
    this.protector = protector;
    this.accountOf = accountOf;
  }

  Instant now() {
    return clock.instant();
  }

  /** A token value or consumer key: 24 characters of [A-Za-z0-9], about 143 bits. */
  String tokenValue() {
    return RandomText.alphanumeric(random, TOKEN_LENGTH);
  }

  /** A token or consumer secret: 40 characters of [A-Za-z0-9], about 238 bits. */
  String secret() {
    return RandomText.alphanumeric(random, SECRET_LENGTH);
  }

  /** A verifier a person can copy from the oob page. */
  String verifier() {
    return RandomText.human(random, verifierLength);
  }

  ProtectedSecret seal(String secret) {
    return ProtectedSecret.seal(secret, protector);
  }

  /** The account recorded on {@code user}'s tokens, or null. */
  @Nullable String accountOf(String user) {
    return accountOf.apply(user);
  }

  /** When a request token minted now expires. */
  Instant requestTokenExpiry(Instant now) {
    return now.plus(requestTokenLifetime);
  }

  /** When an access token minted now expires, or null for until revoked. */
  @Nullable Instant accessTokenExpiry(Instant now) {
    return accessTokenLifetime == null ? null : now.plus(accessTokenLifetime);
  }

  /** Saves a freshly minted token; a duplicate of a random value means a broken random source. */
  void saveNew(OAuthToken t) {
    if (!tokens.save(t)) {
      throw new IllegalStateException("a freshly minted token value already exists");
    }
  }

  static ProviderResult refuse(Reason reason, @Nullable String detail) {
    return new ProviderResult.Refused(new Outcome.Rejected(reason, SCHEME, detail));
  }
}
