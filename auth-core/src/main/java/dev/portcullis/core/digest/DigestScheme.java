package dev.portcullis.core.digest;

import dev.portcullis.core.internal.SettingsGiven;
import dev.portcullis.core.spi.digest.DigestAlgorithm;

import dev.portcullis.core.Attempt;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.http.Challenge;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.ApplicationRegistry;
import dev.portcullis.core.spi.KeyRing;
import dev.portcullis.core.spi.digest.DigestCredentialStore;
import dev.portcullis.core.spi.ReplayGuard;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Digest authentication, server side (RFC 7616, compatible with RFC 2617 clients).
 *
 * <pre>{@code
 * DigestScheme digest = DigestScheme.builder()
 *     .realm("contacts@portcullis")
 *     .credentials(store)                       // HA1s, never passwords
 *     .applications(registry)                   // usernames are {API key}%{customer}
 *     .grants((apiKey, customer) -> Grants.of(new Permission("contacts", Operation.READ_WRITE, Set.of(customer))))
 *     .nonceKeys(ring)                          // shared by every node; see KeyRing
 *     .build();
 * Gate gate = Gate.builder().scheme(digest).build();
 * }</pre>
 *
 * <p>What it checks, in order: the credentials' grammar (duplicates refused, 400); an offered
 * algorithm and qop (400); the {@code uri} against the raw request target (400); the realm (401);
 * the nonce's MAC, made with the current or a previous key (401); then, always with the same amount
 * of hashing, the API key, the user and the response (401, all alike on the wire). Only after the
 * response verified does an expired nonce give {@code stale=true} and a nonce count get recorded in
 * the {@link ReplayGuard}'s sliding window (a reused count is 401). Success carries
 * {@code Authentication-Info} with {@code rspauth}, and a {@code nextnonce} when the nonce is near
 * its end.
 *
 * <p>Immutable and thread-safe; per-thread hashing state keeps the hot path allocation-light.
 */
public final class DigestScheme implements Scheme {
  private static final String NAME = "Digest";
  private static final String NC_KEY_PREFIX = "digest-nc:";

  private final String realm;
  private final List<DigestAlgorithm> challengeOrder;
  private final Set<DigestAlgorithm> offered;
  private final boolean auth;
  private final boolean authInt;
  private final @Nullable String qopChallenge;
  private final DigestCredentialStore store;
  private final @Nullable ApplicationRegistry applications;
  private final BiFunction<@Nullable String, String, Grants> grants;
  private final NonceCodec nonces;
  private final ReplayGuard replayGuard;
  private final int ncWindow;
  private final long nextNonceMillis;
  private final boolean rfc2069;
  private final boolean userhash;
  private final Clock clock;
  private final byte[][] dummyHa1 = new byte[DigestAlgorithm.values().length][];
  private final ThreadLocal<DigestHash> hashes = ThreadLocal.withInitial(DigestHash::new);
  // the identity attributes per algorithm and qop (none, auth, auth-int), built once instead of per request
  private final Map<String, String>[][] attributes;

  private DigestScheme(Builder b) {
    this.realm = b.realm;
    this.challengeOrder = List.copyOf(b.algorithms);
    this.offered = Set.copyOf(EnumSet.copyOf(b.algorithms));
    this.auth = b.qops.contains("auth");
    this.authInt = b.qops.contains("auth-int");
    this.qopChallenge = auth && authInt ? "auth, auth-int" : auth ? "auth" : authInt ? "auth-int" : null;
    this.store = b.store;
    this.applications = b.applications;
    this.grants = b.grants;
    this.clock = b.clock;
    this.nonces = new NonceCodec(b.nonceRing(), realm, b.bindAlgorithm, b.lifetime.toMillis(), clock);
    this.replayGuard = b.replayGuard != null ? b.replayGuard : new InMemoryReplayGuard(clock, 1_000_000);
    this.ncWindow = b.ncWindow;
    this.nextNonceMillis = b.nextNonceBefore != null ? b.nextNonceBefore.toMillis() : b.lifetime.toMillis() / 5;
    this.rfc2069 = b.rfc2069;
    this.userhash = b.userhash;
    this.attributes = attributeTable();
    SecureRandom random = new SecureRandom();
    for (DigestAlgorithm a : DigestAlgorithm.values()) {
      // stands in for a missing or disabled user's HA1 so refusals cost the same hashing
      dummyHa1[a.ordinal()] = new byte[a.length()];
      random.nextBytes(dummyHa1[a.ordinal()]);
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The realm challenges name. */
  public String realm() {
    return realm;
  }

  @Override
  public Outcome authenticate(AuthRequest request, String credentials) {
    return authenticate(request, credentials, (Attempt) null);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The identifier is the username as sent (the {@code {API key}%{user}} form included, or the
   * userhash), admitted after the credentials parse and before the nonce's HMAC or any HA1 lookup.
   */
  @Override
  public Outcome authenticate(AuthRequest request, String credentials, @Nullable Attempt attempt) {
    return authenticate(request, credentials, 0, attempt);
  }

  /** {@inheritDoc} The credentials are parsed where they lie in the header. */
  @Override
  public Outcome authenticate(AuthRequest request, String header, int from, @Nullable Attempt attempt) {
    DigestParams p = DigestParams.parse(header, from);
    boolean plainName = p.has(DigestParams.USERNAME);
    boolean starName = p.has(DigestParams.USERNAME_STAR);
    boolean hashed = p.isIgnoreCase(DigestParams.USERHASH, "true");

    if (plainName == starName) {
      return malformed(plainName ? "Send username or username*, not both."
          : "The Digest credentials lack a username.");
    }
    if (!p.has(DigestParams.REALM) || !p.has(DigestParams.NONCE) || !p.has(DigestParams.URI)
        || !p.has(DigestParams.RESPONSE)) {
      return malformed("The Digest credentials lack realm, nonce, uri or response.");
    }
    DigestAlgorithm algorithm = !p.has(DigestParams.ALGORITHM) ? DigestAlgorithm.MD5
        : DigestAlgorithm.fromToken(p.source(DigestParams.ALGORITHM), p.from(DigestParams.ALGORITHM),
            p.to(DigestParams.ALGORITHM));
    if (algorithm == null || !offered.contains(algorithm)) {
      return new Outcome.Rejected(Reason.ALGORITHM_NOT_OFFERED, NAME);
    }
    boolean withQop = p.has(DigestParams.QOP);
    boolean intQop = false;
    if (!withQop) {
      if (!rfc2069) {
        return new Outcome.Rejected(Reason.QOP_REQUIRED, NAME);
      }
      if (algorithm.session()) {
        return malformed("A -sess algorithm needs qop and cnonce.");
      }
    } else {
      if (auth && p.is(DigestParams.QOP, "auth")) {
        intQop = false;
      } else if (authInt && p.is(DigestParams.QOP, "auth-int")) {
        intQop = true;
      } else {
        return malformed("The qop was not offered.");
      }
      if (!p.has(DigestParams.CNONCE) || !p.has(DigestParams.NC)) {
        return malformed("The Digest credentials lack nc or cnonce.");
      }
    }
    long count = withQop ? parseNc(p.source(DigestParams.NC), p.from(DigestParams.NC), p.to(DigestParams.NC)) : 0;
    if (count < 0) {
      return malformed("nc must be 8 hexadecimal digits, not zero.");
    }
    if (!RequestUriMatch.matches(p.source(DigestParams.URI), p.from(DigestParams.URI), p.to(DigestParams.URI),
        request)) {
      return new Outcome.Rejected(Reason.URI_MISMATCH, NAME);
    }
    if (!p.is(DigestParams.REALM, realm)) {
      return new Outcome.Rejected(Reason.REALM_MISMATCH, NAME);
    }
    if (hashed && (!userhash || starName)) {
      return malformed(userhash ? "username* cannot be used with userhash." : "userhash was not offered.");
    }
    String name = starName ? Rfc8187.decode(p.get(DigestParams.USERNAME_STAR))
        : Rfc8187.latin1AsUtf8(p.get(DigestParams.USERNAME));
    if (attempt != null) {
      Outcome.Rejected throttled = attempt.admit(name);
      if (throttled != null) {
        return throttled;
      }
    }
    NonceCodec.Status status = nonces.check(p.source(DigestParams.NONCE), p.from(DigestParams.NONCE),
        p.to(DigestParams.NONCE), algorithm);
    if (status == NonceCodec.Status.INVALID) {
      return new Outcome.Rejected(Reason.NONCE_INVALID, NAME);
    }
    long issued = nonces.issuedAt();
    if (hashed) {
      name = store.usernameForHash(name.toLowerCase(java.util.Locale.ROOT), realm, algorithm.base());
    }
    Reason refusal = null;
    String apiKey = null;
    String customer = name;
    if (name == null) {
      refusal = Reason.USER_UNKNOWN;
    } else if (applications != null) {
      int pct = name.indexOf('%');
      if (pct <= 0 || pct == name.length() - 1) {
        refusal = Reason.USER_UNKNOWN;
      } else {
        apiKey = name.substring(0, pct);
        customer = name.substring(pct + 1);
        ApplicationRegistry.Application app = applications.find(apiKey);
        refusal = app == null ? Reason.APPLICATION_UNKNOWN : app.enabled() ? null : Reason.APPLICATION_DISABLED;
      }
    }
    byte[] ha1 = name == null ? null : store.ha1(name, realm, algorithm.base());
    if (ha1 == null || ha1.length != algorithm.length()) {
      refusal = refusal != null ? refusal : Reason.USER_UNKNOWN;
      ha1 = null;
    }
    byte[] key = refusal == null ? ha1 : dummyHa1[algorithm.ordinal()];

    DigestHash h = hashes.get();
    h.sessionHa1(algorithm, key, p);
    if (intQop) {
      h.bodyHash(algorithm, request.body());
    }
    boolean small = algorithm.length() == 16;
    byte[] expected = small ? h.expected16 : h.expected32;
    byte[] given = small ? h.given16 : h.given32;
    h.response(algorithm, request.method(), p, intQop, expected, withQop);
    boolean wellFormed = DigestHash.unhex(p.source(DigestParams.RESPONSE), p.from(DigestParams.RESPONSE),
        p.to(DigestParams.RESPONSE), given);
    boolean match = MessageDigest.isEqual(expected, given) & wellFormed;
    if (ha1 != null) {
      java.util.Arrays.fill(ha1, (byte) 0);
    }
    if (refusal != null || !match) {
      h.dropPrefix();
      return new Outcome.Rejected(refusal != null ? refusal : Reason.CREDENTIALS_INVALID, NAME);
    }
    if (withQop) {
      // now, so the digest state kept for it never outlives this call
      h.rspauth(algorithm, p, intQop, expected);
    }
    long now = clock.millis();
    long expiry = issued + nonces.lifetimeMillis();
    if (status == NonceCodec.Status.EXPIRED) {
      return new Outcome.Rejected(Reason.STALE_NONCE, NAME, null, Map.of("stale", "true"));
    }
    if (withQop && !replayGuard.firstCount(ncKey(h, p), count, ncWindow, Duration.ofMillis(expiry - now + 1_000))) {
      return new Outcome.Rejected(Reason.NONCE_REPLAYED, NAME);
    }
    List<Header> headers = List.of();
    boolean renew = expiry - now <= nextNonceMillis;
    if (withQop || renew) {
      String info = authenticationInfo(h, algorithm, withQop ? expected : null, intQop, p,
          renew ? nonces.issue(algorithm) : null);
      headers = List.of(new Header("Authentication-Info", info));
    }
    Identity identity = new Identity(customer, customer, apiKey, NAME, grants.apply(apiKey, customer),
        Set.of(), attributes[algorithm.ordinal()][withQop ? intQop ? 2 : 1 : 0]);
    return new Outcome.Authenticated(identity, headers);
  }

  @Override
  public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
    boolean stale = cause != null && cause.reason() == Reason.STALE_NONCE;
    List<String> out = new ArrayList<>(challengeOrder.size());
    for (DigestAlgorithm a : challengeOrder) {
      Challenge c = Challenge.scheme(NAME).quoted("realm", realm);
      if (qopChallenge != null) {
        c.quoted("qop", qopChallenge);
      }
      c.token("algorithm", a.token()).quoted("nonce", nonces.issue(a)).token("charset", "UTF-8");
      if (userhash) {
        c.token("userhash", "true");
      }
      if (stale) {
        c.token("stale", "true");
      }
      out.add(c.render());
    }
    return out;
  }

  @Override
  public String toString() {
    return "DigestScheme[realm=" + realm + ", algorithms=" + challengeOrder + "]";
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<String, String>[][] attributeTable() {
    String[] qops = {"none", "auth", "auth-int"};
    Map<String, String>[][] table = new Map[DigestAlgorithm.values().length][qops.length];
    for (DigestAlgorithm a : DigestAlgorithm.values()) {
      for (int q = 0; q < qops.length; q++) {
        table[a.ordinal()][q] = Map.of("digest.algorithm", a.token(), "digest.qop", qops[q]);
      }
    }
    return table;
  }

  private static Outcome.Rejected malformed(String detail) {
    return new Outcome.Rejected(Reason.MALFORMED_HEADER, NAME, detail);
  }

  /**
   * The {@code Authentication-Info} value (RFC 7616 §3.5): rspauth, qop, nc and cnonce when the
   * client sent a qop, and nextnonce when renewing. Written into the thread's scratch characters and
   * copied once into the string, since this runs on every success.
   */
  private static String authenticationInfo(DigestHash h, DigestAlgorithm a, byte @Nullable [] rspauth,
      boolean intQop, DigestParams p, @Nullable String nextnonce) {
    int max = 64 + 2 * a.length() + p.length(DigestParams.NC) + 2 * p.length(DigestParams.CNONCE)
        + (nextnonce == null ? 0 : 16 + nextnonce.length());
    char[] out = h.text(max);
    int o = 0;
    if (rspauth != null) {
      o = put(out, o, "rspauth=\"");
      o = DigestHash.hex(rspauth, a.length(), out, o);
      o = put(out, o, intQop ? "\", qop=auth-int, nc=" : "\", qop=auth, nc=");
      p.source(DigestParams.NC).getChars(p.from(DigestParams.NC), p.to(DigestParams.NC), out, o);
      o += p.length(DigestParams.NC);
      o = put(out, o, ", cnonce=\"");
      String s = p.source(DigestParams.CNONCE);
      for (int i = p.from(DigestParams.CNONCE), to = p.to(DigestParams.CNONCE); i < to; i++) {
        // escaped as Challenge.appendEscaped does, CR/LF included: the parser refuses them, but a
        // header value must never be able to split the response
        char c = s.charAt(i);
        if (c == '"' || c == '\\') {
          out[o++] = '\\';
        }
        out[o++] = c == '\r' || c == '\n' ? ' ' : c;
      }
      out[o++] = '"';
    }
    if (nextnonce != null) {
      o = put(out, o, o == 0 ? "nextnonce=\"" : ", nextnonce=\"");
      o = put(out, o, nextnonce);
      out[o++] = '"';
    }
    return new String(out, 0, o);
  }

  /** The replay guard's key for the nonce's counts, {@code digest-nc:} and the nonce, built in one copy. */
  private static String ncKey(DigestHash h, DigestParams p) {
    char[] out = h.text(NC_KEY_PREFIX.length() + p.length(DigestParams.NONCE));
    int o = put(out, 0, NC_KEY_PREFIX);
    p.source(DigestParams.NONCE).getChars(p.from(DigestParams.NONCE), p.to(DigestParams.NONCE), out, o);
    return new String(out, 0, o + p.length(DigestParams.NONCE));
  }

  private static int put(char[] out, int at, String s) {
    s.getChars(0, s.length(), out, at);
    return at + s.length();
  }

  /** The nonce count at {@code s[from, to)}: exactly 8 hex digits, not zero; -1 otherwise. */
  static long parseNc(String s, int from, int to) {
    if (to - from != 8) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      char c = s.charAt(from + i);
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        return -1;
      }
      v = v << 4 | d;
    }
    return v == 0 ? -1 : v;
  }

  /**
   * Builds a {@link DigestScheme}. Each setting may be given once: a second call throws
   * {@link IllegalStateException}, so two pieces of setup code cannot silently override each other.
   * Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String realm;
    private List<DigestAlgorithm> algorithms =
        List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);
    private Set<String> qops = Set.of("auth", "auth-int");
    private @Nullable DigestCredentialStore store;
    private @Nullable ApplicationRegistry applications;
    private BiFunction<@Nullable String, String, Grants> grants = (k, u) -> Grants.none();
    private byte @Nullable [] nonceKey;
    private List<byte[]> previousKeys = List.of();
    private @Nullable KeyRing nonceRing;
    private Duration lifetime = Duration.ofMinutes(5);
    private @Nullable Duration nextNonceBefore;
    private int ncWindow = 256;
    private @Nullable ReplayGuard replayGuard;
    private Clock clock = Clock.systemUTC();
    private boolean rfc2069;
    private boolean userhash;
    private boolean bindAlgorithm = true;
    private final SettingsGiven given = new SettingsGiven();

    private Builder() {}

    /** The protection space; it goes into every HA1, so changing it invalidates stored HA1s. */
    public Builder realm(String realm) {
      given.once("realm");
      this.realm = Objects.requireNonNull(realm, "realm");
      return this;
    }

    /**
     * One challenge per entry, in this order; an algorithm may appear twice. The default,
     * SHA-256, MD5, SHA-256, gives SHA-256 to clients that answer the first challenge (curl, Apache
     * HttpClient 5) and to those that answer the last (Python requests, the JDK, which refuses MD5
     * over plain HTTP from JDK 19 on), and still offers MD5 to clients that pick the first algorithm
     * they support. Responses are accepted for exactly these algorithms.
     *
     * @throws IllegalArgumentException if empty
     */
    public Builder algorithms(DigestAlgorithm... inOrder) {
      given.once("algorithms");
      if (inOrder.length == 0) {
        throw new IllegalArgumentException("offer at least one algorithm");
      }
      this.algorithms = List.of(inOrder);
      return this;
    }

    /**
     * The qop values offered: {@code auth}, {@code auth-int} or both (the default).
     *
     * @throws IllegalArgumentException for any other value
     */
    public Builder qops(String... qops) {
      given.once("qops");
      for (String q : qops) {
        if (!q.equals("auth") && !q.equals("auth-int")) {
          throw new IllegalArgumentException("qop must be auth or auth-int");
        }
      }
      this.qops = Set.of(qops);
      return this;
    }

    /** Where HA1 values and the userhash index come from. Required. */
    public Builder credentials(DigestCredentialStore store) {
      given.once("credentials");
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * Usernames are {@code {API key}%{user}}, split at the first literal {@code %} (never
     * percent-decoded); the key must name an enabled application here. Without a registry the whole
     * username is the subject.
     */
    public Builder applications(ApplicationRegistry applications) {
      given.once("applications");
      this.applications = Objects.requireNonNull(applications, "applications");
      return this;
    }

    /** What an authenticated (API key or null, user) may do; by default nothing. */
    public Builder grants(BiFunction<@Nullable String, String, Grants> grants) {
      given.once("grants");
      this.grants = Objects.requireNonNull(grants, "grants");
      return this;
    }

    /**
     * The HMAC-SHA256 key that signs new nonces; share it across nodes. Required (or
     * {@link #nonceKeys(KeyRing)}), 32 bytes or more.
     *
     * @throws IllegalArgumentException if shorter than 32 bytes
     * @throws IllegalStateException if given twice, or with {@link #nonceKeys(KeyRing)}
     */
    public Builder nonceKey(byte[] key) {
      given.once("nonceKey");
      notWithRing();
      this.nonceKey = checkKey(key);
      return this;
    }

    /**
     * Keys that signed nonces before a rotation; their nonces verify until the key is dropped from
     * this list. Prefer {@link #nonceKeys(KeyRing)}, which names each key.
     *
     * @throws IllegalArgumentException if a key is shorter than 32 bytes
     * @throws IllegalStateException if given twice, or with {@link #nonceKeys(KeyRing)}
     */
    public Builder previousNonceKeys(byte[]... keys) {
      given.once("previousNonceKeys");
      notWithRing();
      List<byte[]> copy = new ArrayList<>();
      for (byte[] k : keys) {
        copy.add(checkKey(k));
      }
      this.previousKeys = copy;
      return this;
    }

    /**
     * The nonce keys as a ring every node shares: its current key signs new nonces, its previous keys
     * still verify the nonces they signed; a nonce whose key has left the ring gets the unknown-nonce
     * answer (401 with a fresh challenge). Instead of {@link #nonceKey} and
     * {@link #previousNonceKeys}.
     *
     * <pre>{@code
     * builder.nonceKeys(KeyRing.builder(KeyRing.Kind.HMAC_SHA256)
     *     .current("n2", newKey).previous("n1", oldKey).build());
     * }</pre>
     *
     * @throws IllegalArgumentException if the ring is not {@link KeyRing.Kind#HMAC_SHA256}
     * @throws IllegalStateException if given twice, or with {@link #nonceKey} or {@link #previousNonceKeys}
     */
    public Builder nonceKeys(KeyRing ring) {
      Objects.requireNonNull(ring, "ring");
      if (ring.kind() != KeyRing.Kind.HMAC_SHA256) {
        throw new IllegalArgumentException("Digest nonce keys must be an HMAC_SHA256 ring");
      }
      given.once("nonceKeys");
      if (given.contains("nonceKey") || given.contains("previousNonceKeys")) {
        throw new IllegalStateException("nonceKeys replaces nonceKey and previousNonceKeys; give one form");
      }
      this.nonceRing = ring;
      return this;
    }

    private void notWithRing() {
      if (nonceRing != null) {
        throw new IllegalStateException("nonceKeys replaces nonceKey and previousNonceKeys; give one form");
      }
    }

    // The single-key settings are a ring whose ids derive from the keys.
    private KeyRing nonceRing() {
      if (nonceRing != null) {
        return nonceRing;
      }
      byte[] key = Objects.requireNonNull(nonceKey, "nonceKey");
      KeyRing.Builder r = KeyRing.builder(KeyRing.Kind.HMAC_SHA256).current(KeyRing.derivedId(key), key);
      for (byte[] k : previousKeys) {
        r.previous(KeyRing.derivedId(k), k);
      }
      return r.build();
    }

    /** How long a nonce is fresh (default 5 minutes); after that a correct response gets stale=true. */
    public Builder nonceLifetime(Duration lifetime) {
      given.once("nonceLifetime");
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("lifetime must be positive");
      }
      this.lifetime = lifetime;
      return this;
    }

    /** Send {@code nextnonce} when less than this is left of the nonce's life (default a fifth). */
    public Builder nextNonceBefore(Duration before) {
      given.once("nextNonceBefore");
      this.nextNonceBefore = Objects.requireNonNull(before, "before");
      return this;
    }

    /**
     * How far below the highest nonce count seen a count may still arrive (default 256).
     *
     * @throws IllegalArgumentException unless 1 to 65536
     */
    public Builder ncWindow(int window) {
      given.once("ncWindow");
      if (window < 1 || window > 65_536) {
        throw new IllegalArgumentException("nc window must be 1 to 65536");
      }
      this.ncWindow = window;
      return this;
    }

    /** Where nonce counts are kept; by default an in-memory guard for this node. */
    public Builder replayGuard(ReplayGuard replayGuard) {
      given.once("replayGuard");
      this.replayGuard = Objects.requireNonNull(replayGuard, "replayGuard");
      return this;
    }

    /** The time source (tests move it). */
    public Builder clock(Clock clock) {
      given.once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Accept responses without qop (RFC 2069); off by default, since they cannot be replay-checked. */
    public Builder rfc2069(boolean allow) {
      given.once("rfc2069");
      this.rfc2069 = allow;
      return this;
    }

    /**
     * Advertise and accept {@code userhash=true} (RFC 7616 §3.4.4); off by default, because some
     * clients that act on it compute HA1 over the hashed name instead of the username (Apache
     * HttpClient 5.5.1 does), which no RFC-conforming server can verify.
     */
    public Builder userhash(boolean enabled) {
      given.once("userhash");
      this.userhash = enabled;
      return this;
    }

    /** Bind each nonce to the algorithm of its challenge (default true). */
    public Builder bindNonceToAlgorithm(boolean bind) {
      given.once("bindNonceToAlgorithm");
      this.bindAlgorithm = bind;
      return this;
    }

    /**
     * Builds the scheme.
     *
     * @throws IllegalStateException if the realm, credential store or nonce key is missing, or no
     *     qop is offered while RFC 2069 mode is off
     */
    public DigestScheme build() {
      if (realm == null || realm.isEmpty()) {
        throw new IllegalStateException("a realm is required");
      }
      if (store == null) {
        throw new IllegalStateException("a credential store is required");
      }
      if (nonceKey == null && nonceRing == null) {
        throw new IllegalStateException("a nonce key is required");
      }
      if (qops.isEmpty() && !rfc2069) {
        throw new IllegalStateException("offer a qop or allow RFC 2069");
      }
      return new DigestScheme(this);
    }

    private static byte[] checkKey(byte[] key) {
      if (key.length < 32) {
        throw new IllegalArgumentException("a nonce key needs at least 32 bytes");
      }
      return key.clone();
    }
  }
}
