package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.internal.SettingsGiven;
import dev.portcullis.core.spi.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import org.jspecify.annotations.Nullable;

/**
 * Stateless anti-forgery tokens for the authorize page's form: an HMAC over an expiry, a random
 * nonce, the request token the page is about and a value bound to the browser (a cookie), so a
 * token lifted from one page works neither for another request token, nor in another browser, nor
 * after it expires.
 *
 * <p>The browser binding is minted here too, and
 * {@link #check} honours only a binding whose MAC verifies (in constant time): a value the client
 * chose (login CSRF by cookie tossing: a sibling subdomain or a plain-HTTP response planting the
 * cookie) is refused. A tossed binding the attacker minted for himself still verifies, which is why
 * the adapter names the cookie {@code __Host-...} on HTTPS, a name only this origin can set.
 *
 * <p>Token form: {@code <expiry epoch seconds>.<key id>.<nonce b64url>.<mac b64url>}, binding
 * form {@code <key id>.<nonce b64url>.<mac b64url>}: the verifier computes one MAC, with the key
 * the id names in its {@link KeyRing}. The keys never leave the server; with several nodes, give
 * them the same ring ({@link Builder#keys}), and rotate by adding the new key as a previous key
 * everywhere, then making it current, then dropping the old one.
 *
 * <pre>{@code
 * CsrfTokens csrf = CsrfTokens.builder().clock(clock).build();
 * String binding = csrf.newBinding();                 // set as a cookie
 * String token = csrf.issue("req-token", binding);    // put in a hidden input
 * csrf.check(token, "req-token", binding);            // Check.VALID
 * csrf.check(token, "req-token", "chosen-by-client"); // Check.INVALID
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CsrfTokens {
  /** The result of {@link #check}. */
  public enum Check {
    VALID,
    /** No token or no browser binding was sent. */
    MISSING,
    /**
     * Not a token this server issued for this request token and browser, or a browser binding
     * this server did not mint.
     */
    INVALID,
    /** Issued here, but its lifetime is over. */
    EXPIRED
  }

  private static final int MAX_TOKEN_LENGTH = 200;
  private static final int MAX_BINDING_LENGTH = 128;
  private final KeyRing keys;
  private final Clock clock;
  private final Duration lifetime;
  private final SecureRandom random;

  private CsrfTokens(Builder b) {
    this.keys = b.keys != null ? b.keys : KeyRing.of(KeyRing.Kind.HMAC_SHA256, randomKey(b.random));
    this.clock = b.clock;
    this.lifetime = b.lifetime;
    this.random = b.random;
  }

  /** A new builder: random key, system UTC clock, 10 minute lifetime. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A fresh value, minted and MAC'd here, to bind tokens to one browser (send it as an HttpOnly
   * cookie: {@code __Host-} with {@code Secure; Path=/} on HTTPS).
   */
  public String newBinding() {
    byte[] b = new byte[24];
    random.nextBytes(b);
    String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    KeyRing.Key k = keys.current();
    return k.id() + "." + nonce + "." + bindingMac(k, nonce);
  }

  /**
   * Whether {@code binding} is one {@link #newBinding} minted with this key; compared in constant
   * time. Never throws for what a client sent.
   */
  public boolean isMinted(@Nullable String binding) {
    if (binding == null || binding.length() > MAX_BINDING_LENGTH) {
      return false;
    }
    int dot1 = binding.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : binding.indexOf('.', dot1 + 1);
    if (dot1 <= 0 || dot2 < 0 || dot2 != binding.lastIndexOf('.')) {
      return false;
    }
    KeyRing.Key k = keys.find(binding.substring(0, dot1)).orElse(null);
    if (k == null) {
      return false; // never minted here, or its key has retired
    }
    byte[] expected = bindingMac(k, binding.substring(dot1 + 1, dot2)).getBytes(StandardCharsets.US_ASCII);
    byte[] given = binding.substring(dot2 + 1).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  /**
   * A token for the form about {@code subject} (a request token, or an app id) in the browser
   * holding {@code binding}.
   *
   * @throws IllegalArgumentException if {@code binding} was not minted by {@link #newBinding}
   */
  public String issue(String subject, String binding) {
    if (!isMinted(binding)) {
      throw new IllegalArgumentException("the browser binding was not minted by these CsrfTokens");
    }
    long expiry = clock.instant().plus(lifetime).getEpochSecond();
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    String n = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    KeyRing.Key k = keys.current();
    return expiry + "." + k.id() + "." + n + "." + mac(k, expiry, n, subject, binding);
  }

  /** Checks a token sent back with the form; never throws for what a client sent. */
  public Check check(@Nullable String token, String subject, @Nullable String binding) {
    if (token == null || token.isEmpty() || binding == null || binding.isEmpty()) {
      return Check.MISSING;
    }
    if (token.length() > MAX_TOKEN_LENGTH || !isMinted(binding)) {
      return Check.INVALID;
    }
    int dot1 = token.indexOf('.');
    int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
    int dot3 = dot2 < 0 ? -1 : token.indexOf('.', dot2 + 1);
    if (dot1 <= 0 || dot3 < 0 || dot1 > 12) {
      return Check.INVALID;
    }
    KeyRing.Key k = keys.find(token.substring(dot1 + 1, dot2)).orElse(null);
    if (k == null) {
      return Check.INVALID; // not issued here, or its key has retired
    }
    long expiry = 0;
    for (int i = 0; i < dot1; i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        return Check.INVALID;
      }
      expiry = expiry * 10 + (c - '0');
    }
    String nonce = token.substring(dot2 + 1, dot3);
    byte[] expected = mac(k, expiry, nonce, subject, binding).getBytes(StandardCharsets.US_ASCII);
    byte[] given = token.substring(dot3 + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return Check.INVALID;
    }
    return clock.instant().getEpochSecond() > expiry ? Check.EXPIRED : Check.VALID;
  }

  private static String mac(KeyRing.Key k, long expiry, String nonce, String subject, String binding) {
    // Length-prefixed fields, so no two different inputs concatenate to the same bytes; the key id
    // is signed too, so a token cannot be moved from one key's id to another's.
    return hmac(k, "portcullis-csrf-v2|" + k.id() + "|" + expiry + "|" + nonce.length() + ":" + nonce + "|"
        + subject.length() + ":" + subject + "|" + binding.length() + ":" + binding);
  }

  private static String bindingMac(KeyRing.Key k, String nonce) {
    // its own prefix: a binding's MAC can never pass for a token's, nor the other way round
    return hmac(k, "portcullis-csrf-binding-v2|" + k.id() + "|" + nonce.length() + ":" + nonce);
  }

  private static String hmac(KeyRing.Key k, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(k.secretKey());
      byte[] out = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] randomKey(SecureRandom random) {
    byte[] k = new byte[32];
    random.nextBytes(k);
    return k;
  }

  @Override
  public String toString() {
    return "CsrfTokens[lifetime=" + lifetime + ", keys=" + keys.ids() + "]";
  }

  /**
   * Builds {@link CsrfTokens}. Each setter throws {@link IllegalStateException} when its setting
   * was already given. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable KeyRing keys;
    private Clock clock = Clock.systemUTC();
    private Duration lifetime = Duration.ofMinutes(10);
    private SecureRandom random = new SecureRandom();
    private final SettingsGiven given = new SettingsGiven();

    private Builder() {}

    /**
     * The HMAC key, shared by every node that serves the page; random per instance by default.
     *
     * A ring of one key ({@link KeyRing#of}); use {@link #keys(KeyRing)} to rotate.
     *
     * @throws IllegalArgumentException if shorter than 32 bytes
     * @throws IllegalStateException if a key or key ring was already given
     */
    public Builder key(byte[] key) {
      if (key.length < 32) {
        throw new IllegalArgumentException("the CSRF key needs at least 32 bytes");
      }
      given.once("key");
      this.keys = KeyRing.of(KeyRing.Kind.HMAC_SHA256, key);
      return this;
    }

    /**
     * The HMAC keys as a ring every node shares: the current key signs new tokens and bindings,
     * the previous keys still verify the ones they signed; once a key leaves the ring, what it
     * signed is {@link Check#INVALID}. Keep a retiring key for the token lifetime and for as long
     * as its bindings live in browsers.
     *
     * @throws IllegalArgumentException if the ring is not {@link KeyRing.Kind#HMAC_SHA256}
     * @throws IllegalStateException if a key or key ring was already given
     */
    public Builder keys(KeyRing ring) {
      if (ring.kind() != KeyRing.Kind.HMAC_SHA256) {
        throw new IllegalArgumentException("CSRF keys must be an HMAC_SHA256 ring");
      }
      given.once("key");
      this.keys = ring;
      return this;
    }

    public Builder clock(Clock clock) {
      given.once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How long a rendered form stays usable.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder lifetime(Duration lifetime) {
      if (lifetime.isZero() || lifetime.isNegative()) {
        throw new IllegalArgumentException("lifetime must be positive");
      }
      given.once("lifetime");
      this.lifetime = lifetime;
      return this;
    }

    public Builder random(SecureRandom random) {
      given.once("random");
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    public CsrfTokens build() {
      return new CsrfTokens(this);
    }
  }
}
