package dev.portcullis.core;

import dev.portcullis.core.access.Requirement;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP authentication scheme (Basic, Bearer, Digest, OAuth), as the {@link Gate} drives it.
 *
 * <p>The gate reads the {@code Authorization} header, finds the scheme whose {@link #accepts} says
 * yes, and hands it the rest of the header. A scheme verifies and returns an {@link Outcome}; it
 * throws only for misconfiguration or a broken platform (a missing hash algorithm), never for bad
 * credentials. Expected failures are {@link Outcome.Rejected} values.
 *
 * <p>Implementations must be thread-safe: one instance serves every request.
 */
public interface Scheme {

  /** The auth-scheme name as written in challenges: {@code "Digest"}, {@code "Bearer"}, ... */
  String name();

  /** Whether this scheme handles credentials sent as {@code Authorization: <authScheme> ...}. */
  default boolean accepts(String authScheme) {
    return name().equalsIgnoreCase(authScheme);
  }

  /**
   * Verifies credentials from the {@code Authorization} header.
   *
   * @param request the request
   * @param credentials what followed the scheme name, leading white space removed (a token68 or an
   *     auth-param list); may be empty
   * @throws dev.portcullis.core.http.MalformedException if the credentials do not parse (the gate
   *     answers 400)
   */
  Outcome authenticate(AuthRequest request, String credentials);

  /**
   * Verifies credentials from the {@code Authorization} header under the gate's throttle: parse,
   * tell {@code attempt} who the credentials claim to be ({@link Attempt#admit}), and verify only
   * if it admits them. The gate calls this one.
   *
   * <p>This default admits the attempt by address alone and then calls
   * {@link #authenticate(AuthRequest, String)}; the built-in schemes override it to name the
   * identifier (Digest username, token id, consumer key) after parsing and before any hashing.
   */
  default Outcome authenticate(AuthRequest request, String credentials, Attempt attempt) {
    Outcome.Rejected throttled = attempt.admit(null);
    return throttled != null ? throttled : authenticate(request, credentials);
  }

  /**
   * {@link #authenticate(AuthRequest, String, Attempt)} with the credentials given in place: they
   * are {@code header} from {@code from} on (leading white space removed). The gate calls this one,
   * so a scheme that reads its credentials where they lie saves a copy of the header per request;
   * this default makes the copy and calls {@link #authenticate(AuthRequest, String, Attempt)}, and
   * the built-in schemes override it.
   *
   * @param header the whole {@code Authorization} value, scheme name included
   * @param from where the credentials start in {@code header} (at most its length)
   */
  default Outcome authenticate(AuthRequest request, String header, int from, Attempt attempt) {
    return authenticate(request, header.substring(from), attempt);
  }

  /**
   * Looks for credentials outside {@code Authorization} (OAuth 1.0a parameters in the query or a
   * form body). Most schemes have none.
   */
  default Outcome authenticateUnannounced(AuthRequest request) {
    return Outcome.noCredentials();
  }

  /**
   * {@link #authenticateUnannounced(AuthRequest)} under the gate's throttle, as
   * {@link #authenticate(AuthRequest, String, Attempt)}. This default calls it without checking
   * first (most schemes have no such credentials, and a check would cost every anonymous request
   * a limiter lookup); a failed guess it returns is still counted by address.
   */
  default Outcome authenticateUnannounced(AuthRequest request, Attempt attempt) {
    return authenticateUnannounced(request);
  }

  /**
   * Whether the request carries this scheme's credentials outside {@code Authorization}: a cheap
   * presence test that verifies nothing and changes no state (no nonce is recorded). The gate asks
   * it to refuse a request that carries a header for one scheme and credentials for another, so a
   * scheme that overrides {@link #authenticateUnannounced} should override this too.
   */
  default boolean carriesUnannouncedCredentials(AuthRequest request) {
    return false;
  }

  /**
   * The {@code WWW-Authenticate} values this scheme offers on a 401.
   *
   * @param request the refused request
   * @param cause the rejection when this scheme produced it (so it can add {@code stale=true} or
   *     {@code error="invalid_token"}); null when another scheme refused or there were no credentials
   */
  List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause);

  /** The {@code WWW-Authenticate} values for a 403 on an identity this scheme authenticated. */
  default List<String> insufficientScope(Identity identity, Requirement requirement) {
    return List.of();
  }

  /**
   * A scheme-specific body for a rejection this scheme produced (OAuth answers form-encoded
   * {@code oauth_problem=...}); null for the gate's JSON body.
   */
  default Denial.@Nullable Body rejectionBody(Outcome.Rejected rejection) {
    return null;
  }
}
