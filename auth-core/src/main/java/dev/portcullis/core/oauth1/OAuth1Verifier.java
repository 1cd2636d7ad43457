package dev.portcullis.core.oauth1;
import dev.portcullis.core.internal.SettingsGiven;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.TokenState;

import dev.portcullis.core.spi.oauth1.ConsumerStore;
import dev.portcullis.core.spi.oauth1.OAuthTokenStore;
import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SignatureMethod;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies OAuth 1.0a signed requests (RFC 5849 §3.2): parameter collection (§3.5), the signature
 * base string (§3.4.1), HMAC-SHA1/256/512, RSA-SHA1/256 and PLAINTEXT signatures (§3.4.2-§3.4.4),
 * the timestamp window and nonce replay check (§3.3), the token's kind, owner and state, plus
 * {@code oauth_body_hash}. The provider's steps (matching {@code oauth_verifier} and spending the
 * request token at the access-token endpoint, RFC 5849 §2.3) are
 * {@link dev.portcullis.core.oauth1.provider.OAuthProvider#exchange}'s, not this class's.
 *
 * <pre>{@code
 * OAuth1Verifier verifier = OAuth1Verifier.builder()
 *     .consumers(consumerStore).tokens(tokenStore).replayGuard(new InMemoryReplayGuard())
 *     .realm("email-lists")
 *     .build();
 * switch (verifier.verify(request, TokenKind.ACCESS)) {
 *   case Verification.Verified v -> serve(v.consumer(), v.token());
 *   case Verification.Failed f -> refuse(f.rejection());
 * }
 * }</pre>
 *
 * <p>Checks run cheapest first and the replay guard is written only once the signature, body hash,
 * token state and callback have passed, so that a refused request, a forged one above all, never
 * spends its nonce. With {@link TokenKind#REQUEST} a successful verification means only that the
 * request was signed with a live, approved request token of this consumer: {@code oauth_verifier} is
 * required but <em>not</em> compared, and the token is not spent. Never serve an exchange on that
 * alone; the provider compares the verifier after the nonce is recorded (so a replayed exchange
 * cannot count wrong-verifier attempts) and spends the token exactly once.
 *
 * <p>Immutable and thread-safe; one instance serves every request.
 */
public final class OAuth1Verifier {
  /** The scheme name carried in every rejection, so the gate lets {@link OAuth1Scheme} render it. */
  public static final String SCHEME = "OAuth";

  private static final int MAX_TIMESTAMP_DIGITS = 10;
  /** Keys the HMAC computed for an unknown consumer; kept keyed like a real consumer's, so it costs the same. */
  private static final ProtectedSecret DUMMY_SECRET = ProtectedSecret.plain("portcullis-unknown-consumer");

  private final ConsumerStore consumers;
  private final OAuthTokenStore tokens;
  private final ReplayGuard replayGuard;
  private final Clock clock;
  private final long windowSeconds;
  private final String realm;
  private final EnumSet<SignatureMethod> methods;
  private final @Nullable PublicBase publicBase;

  private OAuth1Verifier(Builder b) {
    this.consumers = b.consumers;
    this.tokens = b.tokens;
    this.replayGuard = b.replayGuard;
    this.clock = b.clock;
    this.windowSeconds = b.window.getSeconds();
    this.realm = b.realm;
    this.methods = EnumSet.copyOf(b.methods);
    this.publicBase = b.publicBase;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The realm named in challenges. */
  public String realm() {
    return realm;
  }

  /** The timestamp window, each side of now. */
  public Duration window() {
    return Duration.ofSeconds(windowSeconds);
  }

  /** The consumer store. */
  public ConsumerStore consumers() {
    return consumers;
  }

  /** The token store. */
  public OAuthTokenStore tokens() {
    return tokens;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /**
   * Verifies {@code request}, taking OAuth parameters from an {@code Authorization: OAuth} header
   * when there is one, and from the query and a form body.
   *
   * @param expected which token the request must be signed with
   * @return {@link Verification.Verified} or {@link Verification.Failed}; never throws for anything
   *     the client sent
   */
  public Verification verify(AuthRequest request, TokenKind expected) {
    List<String> authz = request.headers("Authorization");
    if (authz.size() > 1) {
      return fail(Reason.PARAMETER_REJECTED, "Send exactly one Authorization header.");
    }
    if (authz.size() == 1) {
      String header = authz.get(0);
      int from = oauthCredentials(header);
      if (from >= 0) {
        return verify(request, expected, header, from);
      }
    }
    return verify(request, expected, null, 0);
  }

  /**
   * Verifies with the credentials of an {@code OAuth} Authorization header already split off.
   *
   * @param oauthCredentials what followed {@code OAuth} in the header, or null when the request has
   *     no OAuth header
   */
  Verification verify(AuthRequest request, TokenKind expected, @Nullable String oauthCredentials) {
    return verify(request, expected, oauthCredentials, 0);
  }

  /** As above, the credentials being {@code header} from {@code from} on, so none are copied out. */
  Verification verify(AuthRequest request, TokenKind expected, @Nullable String header, int from) {
    Objects.requireNonNull(expected, "expected");
    try {
      ProtocolParams p = ProtocolParams.collect(request, header, from);
      try {
        return check(request, expected, p);
      } finally {
        p.release();
      }
    } catch (MalformedException e) {
      return fail(Reason.PARAMETER_REJECTED, e.getMessage());
    } catch (BodyTooLargeException e) {
      return fail(Reason.BODY_TOO_LARGE, null);
    } catch (StoreUnavailableException e) {
      return fail(Reason.UNAVAILABLE, null);
    }
  }

  private Verification check(AuthRequest request, TokenKind expected, ProtocolParams p) {
    SignatureMethod method = SignatureMethod.fromWire(p.signatureMethod);
    boolean plaintext = method == SignatureMethod.PLAINTEXT;

    // 1. presence (§3.1: PLAINTEXT may omit timestamp and nonce)
    List<String> absent = null;
    absent = need(absent, "oauth_consumer_key", p.consumerKey);
    absent = need(absent, "oauth_signature_method", p.signatureMethod);
    absent = need(absent, "oauth_signature", p.signature);
    if (!plaintext) {
      absent = need(absent, "oauth_timestamp", p.timestamp);
      absent = need(absent, "oauth_nonce", p.nonce);
    }
    switch (expected) {
      case NONE -> absent = need(absent, "oauth_callback", p.callback);
      case REQUEST -> {
        absent = need(absent, "oauth_token", p.token);
        absent = need(absent, "oauth_verifier", p.verifier);
      }
      case ACCESS -> absent = need(absent, "oauth_token", p.token);
    }
    if (absent != null) {
      return fail(Reason.PARAMETER_ABSENT, "Missing: " + String.join(", ", absent) + ".",
          Map.of("oauth_parameters_absent", String.join("&", absent)));
    }
    if (expected == TokenKind.NONE && p.token != null && !p.token.isEmpty()) {
      // the seed's clients send an empty oauth_token here; a real one has no business at this endpoint
      return fail(Reason.PARAMETER_REJECTED, "oauth_token must be empty when asking for a request token.");
    }
    if (p.version != null && !p.version.equals("1.0")) {
      return fail(Reason.VERSION_REJECTED, null, Map.of("oauth_acceptable_versions", "1.0-1.0"));
    }
    if (p.nonce != null && (p.nonce.isEmpty() || p.nonce.length() > ProtocolParams.MAX_NONCE_LENGTH)) {
      return fail(Reason.PARAMETER_REJECTED, "oauth_nonce must have 1 to "
          + ProtocolParams.MAX_NONCE_LENGTH + " characters.");
    }

    // 2. method
    if (method == null || !methods.contains(method)) {
      return fail(Reason.SIGNATURE_METHOD_REJECTED, null);
    }
    if (plaintext && !request.secure()) {
      return fail(Reason.SIGNATURE_METHOD_REJECTED, "PLAINTEXT signatures are accepted only over HTTPS.");
    }

    // 3. timestamp, checked as text before any arithmetic
    long now = clock.millis() / 1000;
    long timestamp = -1;
    if (p.timestamp != null) {
      String ts = p.timestamp;
      if (ts.isEmpty()) {
        return fail(Reason.PARAMETER_REJECTED, "oauth_timestamp must be a number of seconds.");
      }
      for (int i = 0; i < ts.length(); i++) {
        char c = ts.charAt(i);
        if (c < '0' || c > '9') {
          return fail(Reason.PARAMETER_REJECTED, "oauth_timestamp must be a number of seconds.");
        }
      }
      if (ts.length() > MAX_TIMESTAMP_DIGITS) {
        // milliseconds, or a number that would overflow: never parsed
        return timestampRefused(now, "oauth_timestamp must be in seconds, not milliseconds.");
      }
      timestamp = Long.parseLong(ts);
      if (timestamp < now - windowSeconds || timestamp > now + windowSeconds) {
        return timestampRefused(now, null);
      }
    }

    // 4. body hash: never on a form body (the form is signed already)
    if (p.bodyHash != null && FormCodec.isForm(request.contentType())) {
      return fail(Reason.PARAMETER_REJECTED, "oauth_body_hash must not be sent with a form-encoded body.");
    }

    // 5. consumer; an unknown one costs a signature computation like a known one
    Consumer consumer = consumers.find(p.consumerKey);
    if (consumer == null || !consumer.enabled() || consumer.isExpired(clock.instant())) {
      if (!plaintext) {
        burn(method, request, p);
      }
      // an expired consumer (a public-app key never exchanged) is as good as gone, purged or not
      return fail(consumer == null || consumer.enabled() ? Reason.CONSUMER_KEY_UNKNOWN : Reason.CONSUMER_KEY_REJECTED,
          null);
    }
    if (!consumer.allows(method)) {
      return fail(Reason.SIGNATURE_METHOD_REJECTED, "This consumer may not use " + method.wireName() + ".");
    }

    // 6. token
    OAuthToken token = null;
    if (expected != TokenKind.NONE) {
      token = tokens.find(p.token);
      if (token == null || token.kind() != expected || !token.consumerKey().equals(consumer.key())) {
        signatureValid(method, consumer, null, request, p);
        return fail(Reason.TOKEN_REJECTED, null);
      }
    }

    // 7. signature
    if (!signatureValid(method, consumer, token, request, p)) {
      return fail(Reason.SIGNATURE_INVALID, null);
    }

    // 8. body hash against the body the signature vouches for
    if (p.bodyHash != null) {
      byte[] presented;
      try {
        presented = Base64.getDecoder().decode(p.bodyHash);
      } catch (IllegalArgumentException e) {
        return fail(Reason.BODY_HASH_INVALID, null);
      }
      if (!MessageDigest.isEqual(presented, Signatures.bodyHash(method, request.body()))) {
        return fail(Reason.BODY_HASH_INVALID, null);
      }
    }

    // 9. token state, only now that the request is known to come from the token's holder
    if (token != null) {
      if (token.state() == TokenState.REVOKED) {
        return fail(Reason.TOKEN_REJECTED, null);
      }
      if (token.expiresAt() != null && token.isExpired(clock.instant())) {
        return fail(Reason.OAUTH_TOKEN_EXPIRED, null);
      }
      if (token.state() == TokenState.USED) {
        return fail(Reason.TOKEN_USED, null);
      }
      if (token.state() != TokenState.AUTHORIZED) {
        return fail(Reason.TOKEN_REJECTED, "The request token has not been authorized yet.");
      }
    }
    if (expected == TokenKind.NONE && !consumer.allowsCallback(p.callback)) {
      return fail(Reason.CALLBACK_REJECTED, null);
    }

    // 10. nonce, recorded only now: a refused request never spends it
    if (p.nonce != null) {
      // remembered until the timestamp leaves the window; a PLAINTEXT nonce without a timestamp
      // gets the longest life any timestamped one can have
      long ttl = timestamp < 0 ? 2 * windowSeconds + 1 : Math.max(1, timestamp + windowSeconds - now + 1);
      if (!replayGuard.firstUse(nonceKey(consumer.key(), p.token, p.timestamp, p.nonce), Duration.ofSeconds(ttl))) {
        return fail(Reason.NONCE_USED, null);
      }
    }

    return new Verification.Verified(consumer, token, p.protocolParameters());
  }

  /**
   * Checks the signature. The base string is written just before the MAC or RSA check, into the
   * per-thread buffer of {@code p}, and used from there (no copy, no store call in between).
   */
  private boolean signatureValid(SignatureMethod method, Consumer consumer, @Nullable OAuthToken token,
      AuthRequest request, ProtocolParams p) {
    String signature = p.signature;
    if (method.isRsa()) {
      byte[] sig = base64(signature);
      PublicKey key = consumer.rsaKey();
      if (sig == null || key == null) {
        return false;
      }
      int len = writeBaseString(request, p);
      return Signatures.rsaMatches(method, key, p.bytes().out, len, sig);
    }
    if (method == SignatureMethod.PLAINTEXT) {
      byte[] consumerSecret = consumer.secret().reveal();
      byte[] tokenSecret = token == null ? new byte[0] : token.secret().reveal();
      byte[] key = Signatures.hmacKey(consumerSecret, tokenSecret);
      Signatures.zero(consumerSecret);
      Signatures.zero(tokenSecret);
      try {
        return MessageDigest.isEqual(key, signature.getBytes(StandardCharsets.UTF_8));
      } finally {
        Signatures.zero(key);
      }
    }
    byte[] sig = base64(signature);
    int len = writeBaseString(request, p);
    byte[] expected = Signatures.hmac(method, consumer.secret(), token == null ? null : token.secret(),
        p.bytes().out, len);
    return sig != null && MessageDigest.isEqual(expected, sig);
  }

  /** Spends about the time a real check takes, for an unknown or disabled consumer. */
  private void burn(SignatureMethod method, AuthRequest request, ProtocolParams p) {
    int len = writeBaseString(request, p);
    Signatures.hmac(method.isHmac() ? method : SignatureMethod.HMAC_SHA1, DUMMY_SECRET, null, p.bytes().out, len);
  }

  /** Writes the base string (§3.4.1) into the buffer of {@code p}; see {@link ParamBytes#out}. */
  private int writeBaseString(AuthRequest request, ProtocolParams p) {
    PublicBase pb = publicBase;
    if (pb != null) {
      return BaseString.write(request.method(), pb.scheme, pb.host, pb.port, pb.pathPrefix, request.rawPath(),
          p.bytes());
    }
    return BaseString.write(request.method(), request.scheme(), request.host(), request.port(), "",
        request.rawPath(), p.bytes());
  }

  private static byte @Nullable [] base64(String s) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Unambiguous even for nonces holding any character: every part is length-prefixed. */
  static String nonceKey(String consumerKey, @Nullable String token, @Nullable String timestamp, String nonce) {
    String t = token == null ? "" : token;
    String ts = timestamp == null ? "" : timestamp;
    // one concatenation: sized exactly and built without an intermediate buffer
    return "oauth1:" + consumerKey.length() + ':' + consumerKey + t.length() + ':' + t + ts + ':' + nonce;
  }

  /** Where the credentials start in an {@code OAuth} Authorization header, or -1 for another scheme. */
  private static int oauthCredentials(String header) {
    int n = header.length();
    int i = 0;
    while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
      i++;
    }
    if (!header.regionMatches(true, i, SCHEME, 0, SCHEME.length())) {
      return -1;
    }
    int end = i + SCHEME.length();
    if (end < n && header.charAt(end) != ' ' && header.charAt(end) != '\t') {
      return -1; // some other scheme whose name starts with "OAuth"
    }
    while (end < n && (header.charAt(end) == ' ' || header.charAt(end) == '\t')) {
      end++;
    }
    return end;
  }

  private Verification timestampRefused(long now, @Nullable String detail) {
    return fail(Reason.TIMESTAMP_REFUSED, detail, Map.of("oauth_acceptable_timestamps",
        (now - windowSeconds) + "-" + (now + windowSeconds)));
  }

  private static @Nullable List<String> need(@Nullable List<String> absent, String name, @Nullable String value) {
    if (value != null) {
      return absent;
    }
    List<String> out = absent == null ? new ArrayList<>(4) : absent;
    out.add(name);
    return out;
  }

  static Verification fail(Reason reason, @Nullable String detail) {
    return new Verification.Failed(new Outcome.Rejected(reason, SCHEME, detail));
  }

  static Verification fail(Reason reason, @Nullable String detail, Map<String, String> problemParams) {
    return new Verification.Failed(new Outcome.Rejected(reason, SCHEME, detail, new LinkedHashMap<>(problemParams)));
  }

  private record PublicBase(String scheme, String host, int port, String pathPrefix) {}

  /**
   * Builds an {@link OAuth1Verifier}. Each setter throws {@link IllegalStateException} when its
   * setting was already given. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable ConsumerStore consumers;
    private @Nullable OAuthTokenStore tokens;
    private @Nullable ReplayGuard replayGuard;
    private Clock clock = Clock.systemUTC();
    private Duration window = Duration.ofMinutes(5);
    private @Nullable String realm;
    private Set<SignatureMethod> methods = EnumSet.allOf(SignatureMethod.class);
    private @Nullable PublicBase publicBase;
    private final SettingsGiven given = new SettingsGiven();

    private Builder() {}

    public Builder consumers(ConsumerStore consumers) {
      given.once("consumers");
      this.consumers = Objects.requireNonNull(consumers, "consumers");
      return this;
    }

    public Builder tokens(OAuthTokenStore tokens) {
      given.once("tokens");
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /** Where nonces are recorded; share one across nodes (Redis, JDBC) when there are several. */
    public Builder replayGuard(ReplayGuard replayGuard) {
      given.once("replayGuard");
      this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
      return this;
    }

    public Builder clock(Clock clock) {
      given.once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Accept timestamps this far either side of now (default 5 minutes).
     *
     * @throws IllegalArgumentException outside 1 second to 1 hour
     */
    public Builder window(Duration window) {
      if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("the timestamp window must be between 1 s and 1 h");
      }
      given.once("window");
      this.window = window;
      return this;
    }

    /** The realm for {@code WWW-Authenticate: OAuth realm="..."}. */
    public Builder realm(String realm) {
      given.once("realm");
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /**
     * The signature methods accepted at all (default: all); each consumer narrows them further.
     *
     * @throws IllegalArgumentException if empty
     */
    public Builder methods(Set<SignatureMethod> methods) {
      if (methods.isEmpty()) {
        throw new IllegalArgumentException("at least one signature method is needed");
      }
      given.once("methods");
      this.methods = EnumSet.copyOf(methods);
      return this;
    }

    /**
     * Sign against this public URL ({@code https://api.example.com} or with a path prefix the proxy
     * strips) instead of the scheme, host and port the request view reports.
     *
     * @throws IllegalArgumentException if it is not an absolute http(s) URL without query or fragment
     */
    public Builder publicBaseUrl(String url) {
      URI u;
      try {
        u = new URI(url);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("public base URL is not a URI", e);
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || u.getHost() == null
          || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
        throw new IllegalArgumentException("public base URL must be http(s)://host[:port][/prefix]");
      }
      String path = u.getRawPath() == null ? "" : u.getRawPath();
      if (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
      given.once("publicBaseUrl");
      this.publicBase = new PublicBase(scheme, u.getHost(), port, path);
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @throws IllegalStateException if a store, the replay guard or the realm is missing
     */
    public OAuth1Verifier build() {
      if (consumers == null || tokens == null || replayGuard == null) {
        throw new IllegalStateException("consumers, tokens and replayGuard are required");
      }
      if (realm == null) {
        throw new IllegalStateException("a realm is required");
      }
      return new OAuth1Verifier(this);
    }
  }
}
