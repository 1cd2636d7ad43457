package dev.portcullis.core.token;

import dev.portcullis.core.Attempt;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.http.Challenge;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Bearer tokens in the {@code Authorization} header (RFC 6750 §2.1), verified by the
 * {@link TokenVerifier}.
 *
 * <p>The credentials must be one b64token; anything else (empty, spaces, auth-params) is an
 * {@code invalid_request} (400). A refused token gets 401 with
 * {@code Bearer realm="…", error="invalid_token", error_description="…"} (§3.1); valid credentials
 * without the needed permission get 403 with {@code error="insufficient_scope"} and the
 * {@code scope} that was needed, written the way the API reference writes it ({@code items(r)}).
 *
 * <pre>{@code
 * Gate gate = Gate.builder().scheme(new BearerTokenScheme(tokens, "catalog")).build();
 * Outcome o = gate.authenticate(request);   // Authorization: Bearer pct_...
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class BearerTokenScheme implements Scheme {
  /** Longest credentials string looked at. */
  static final int MAX_CREDENTIALS_LENGTH = 4096;

  private final TokenVerifier verifier;
  private final String realm;
  private final String challenge;

  /**
   * @param service whose {@link TokenService#verifier() verifier} checks the token; the scheme keeps
   *     only the verifier
   * @param realm the protection space named in the challenge
   */
  public BearerTokenScheme(TokenService service, String realm) {
    this.verifier = Objects.requireNonNull(service, "service").verifier();
    this.realm = Objects.requireNonNull(realm, "realm");
    this.challenge = Challenge.scheme("Bearer").quoted("realm", realm).render();
  }

  @Override
  public String name() {
    return "Bearer";
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

  /** {@inheritDoc} The token is verified where it lies in the header. */
  @Override
  public Outcome authenticate(AuthRequest request, String header, int from, @Nullable Attempt attempt) {
    if (header.length() - from > MAX_CREDENTIALS_LENGTH) {
      return new Outcome.Rejected(Reason.MALFORMED_HEADER, name(), "The bearer token is too long.");
    }
    if (!AuthParams.isToken68(header, from)) {
      return new Outcome.Rejected(Reason.MALFORMED_HEADER, name(),
          "The bearer credentials must be a single token (RFC 6750 section 2.1).");
    }
    if (attempt != null && attempt.wantsIdentifier()) {
      Outcome.Rejected throttled = attempt.admit(idHint(header, from));
      if (throttled != null) {
        return throttled;
      }
    }
    return verifier.verify(header, from, header.length(), name());
  }

  /**
   * The id a generated token claims, read from its shape alone ({@code <prefix><id>_<secret><check>},
   * so the id is the {@link TokenFormat#ID_LENGTH} characters before the {@code '_'} that precedes
   * the secret and check); null for anything else, account tokens included, whose whole text is
   * the secret and so must never become an identifier. Nothing is verified: the checksum is the
   * token service's business.
   */
  static @Nullable String idHint(String token) {
    return idHint(token, 0);
  }

  /** {@link #idHint(String)} of the token that is {@code text} from {@code from} on. */
  static @Nullable String idHint(String text, int from) {
    int sep = text.length() - TokenFormat.SECRET_LENGTH - TokenFormat.CHECK_LENGTH - 1;
    int start = sep - TokenFormat.ID_LENGTH;
    if (start < from || text.charAt(sep) != '_') {
      return null;
    }
    for (int i = start; i < sep; i++) {
      char c = text.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
        return null;
      }
    }
    return text.substring(start, sep);
  }

  @Override
  public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
    if (cause == null || !isTokenRejection(cause.reason())) {
      return List.of(challenge);
    }
    return List.of(Challenge.scheme("Bearer").quoted("realm", realm)
        .quoted("error", "invalid_token")
        .quoted("error_description", cause.message())
        .render());
  }

  @Override
  public List<String> insufficientScope(Identity identity, Requirement requirement) {
    return List.of(Challenge.scheme("Bearer").quoted("realm", realm)
        .quoted("error", "insufficient_scope")
        .quoted("scope", requirement.scopeLabel())
        .render());
  }

  private static boolean isTokenRejection(Reason reason) {
    switch (reason) {
      case TOKEN_MALFORMED:
      case TOKEN_UNKNOWN:
      case TOKEN_REVOKED:
      case TOKEN_EXPIRED:
        return true;
      default:
        return false;
    }
  }
}
