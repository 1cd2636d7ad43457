package dev.portcullis.core.token;

import dev.portcullis.core.Attempt;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.http.Challenge;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.internal.PercentCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * HTTP Basic (RFC 7617) carrying an API token as the user-id and an empty password, as in
 * {@code curl -u "TOKEN:"}.
 *
 * <p>The credentials are base64 of {@code token:password}, decoded as UTF-8 (RFC 7617 §2.1 with the
 * {@code charset="UTF-8"} the challenge announces) and split at the first colon. Bad base64, no
 * colon or bytes that are not UTF-8 are a malformed request (400); a non-empty password is refused
 * with 401 {@link Reason#PASSWORD_NOT_EMPTY} so a client that sends a password learns the rule.
 * The token is verified by the {@link TokenVerifier}: both the account's own token and generated
 * scoped tokens work.
 *
 * <pre>{@code
 * Gate gate = Gate.builder()
 *     .scheme(new BasicTokenScheme(tokens, "catalog"))
 *     .scheme(new BearerTokenScheme(tokens, "catalog"))
 *     .requireSecure(true)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class BasicTokenScheme implements Scheme {
  /** Longest credentials string looked at; longer ones are refused before decoding. */
  static final int MAX_CREDENTIALS_LENGTH = 4096;

  private final TokenVerifier verifier;
  private final String realm;
  private final String challenge;

  /**
   * @param service whose {@link TokenService#verifier() verifier} checks the token; the scheme keeps
   *     only the verifier
   * @param realm the protection space named in the challenge
   */
  public BasicTokenScheme(TokenService service, String realm) {
    this.verifier = Objects.requireNonNull(service, "service").verifier();
    this.realm = Objects.requireNonNull(realm, "realm");
    this.challenge = Challenge.scheme("Basic").quoted("realm", realm).quoted("charset", "UTF-8").render();
  }

  @Override
  public String name() {
    return "Basic";
  }

  /** The realm named in challenges. */
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
   * <p>The identifier is a generated token's id (read from its shape, unverified); an account
   * token has none, so only its address counts. Admitted before the token is hashed.
   */
  @Override
  public Outcome authenticate(AuthRequest request, String credentials, @Nullable Attempt attempt) {
    return authenticate(request, credentials, 0, attempt);
  }

  /** {@inheritDoc} The credentials are decoded from where they lie in the header. */
  @Override
  public Outcome authenticate(AuthRequest request, String header, int from, @Nullable Attempt attempt) {
    int n = header.length() - from;
    if (n > MAX_CREDENTIALS_LENGTH) {
      return malformed("The Basic credentials are too long.");
    }
    if (!AuthParams.isToken68(header, from)) {
      return malformed("The Basic credentials must be base64 of token:password.");
    }
    // Per-thread buffers, cleared before returning: the base64 text (exactly its length, as the
    // decoder reads a whole array, so it is reused while the length repeats, as a generated
    // token's does) and what it decodes to, from which the token is verified in place.
    byte[][] scratch = DECODED.get();
    byte[] src = scratch[1];
    if (src.length != n) {
      src = new byte[n];
      scratch[1] = src;
    }
    for (int i = 0; i < n; i++) {
      src[i] = (byte) header.charAt(from + i); // token68: ASCII
    }
    int max = n / 4 * 3 + 3;
    if (scratch[0].length < max) {
      scratch[0] = new byte[Math.max(max, 128)];
    }
    byte[] buf = scratch[0];
    int len;
    try {
      len = Base64.getDecoder().decode(src, buf);
    } catch (IllegalArgumentException e) {
      return malformed("The Basic credentials are not valid base64.");
    } finally {
      Arrays.fill(src, (byte) 0);
    }
    try {
      return authenticate(buf, len, attempt);
    } finally {
      Arrays.fill(buf, 0, len, (byte) 0);
    }
  }

  private static final ThreadLocal<byte[][]> DECODED =
      ThreadLocal.withInitial(() -> new byte[][] {new byte[128], new byte[0]});

  private Outcome authenticate(byte[] buf, int len, @Nullable Attempt attempt) {
    String token;
    if (isAscii(buf, len)) {
      // the common case: the token is verified straight from the bytes (no decoder, no string)
      int colon = indexOf(buf, len, (byte) ':');
      if (colon < 0) {
        return malformed("The Basic credentials must be token:password (with an empty password).");
      }
      if (colon != len - 1) {
        return new Outcome.Rejected(Reason.PASSWORD_NOT_EMPTY, name());
      }
      if (attempt == null || !attempt.wantsIdentifier()) {
        return verifier.verify(buf, colon, name());
      }
      token = new String(buf, 0, colon, StandardCharsets.ISO_8859_1);
    } else {
      String decoded;
      try {
        decoded = PercentCodec.utf8Strict(buf, 0, len);
      } catch (MalformedException e) {
        return malformed("The Basic credentials are not valid UTF-8.");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return malformed("The Basic credentials must be token:password (with an empty password).");
      }
      if (colon != decoded.length() - 1) {
        return new Outcome.Rejected(Reason.PASSWORD_NOT_EMPTY, name());
      }
      token = decoded.substring(0, colon);
    }
    if (attempt != null && attempt.wantsIdentifier()) {
      Outcome.Rejected throttled = attempt.admit(BearerTokenScheme.idHint(token));
      if (throttled != null) {
        return throttled;
      }
    }
    return verifier.verify(token, name());
  }

  @Override
  public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
    return List.of(challenge);
  }

  private static int indexOf(byte[] b, int len, byte x) {
    for (int i = 0; i < len; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isAscii(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  private Outcome malformed(String detail) {
    return new Outcome.Rejected(Reason.MALFORMED_HEADER, name(), detail);
  }
}
