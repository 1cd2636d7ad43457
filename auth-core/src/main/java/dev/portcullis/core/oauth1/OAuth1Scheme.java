package dev.portcullis.core.oauth1;

import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.TokenKind;

import dev.portcullis.core.Attempt;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.http.Challenge;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@code OAuth} scheme for protected resources (RFC 5849 §3): requests signed with a consumer
 * and an access token, in the {@code Authorization} header or as {@code oauth_*} parameters in the
 * query or a form body (§3.5).
 *
 * <p>Refusals carry the OAuth Problem Reporting extension's body,
 * {@code oauth_problem=signature_invalid} and friends, form-encoded, with
 * {@code WWW-Authenticate: OAuth realm="..."}.
 *
 * <pre>{@code
 * OAuth1Scheme oauth = OAuth1Scheme.builder(verifier)
 *     .grants(token -> Grants.of(new Permission("lists", Operation.READ_WRITE, Set.of(token.account()))))
 *     .build();
 * Gate gate = Gate.builder().scheme(oauth).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class OAuth1Scheme implements Scheme {
  private final OAuth1Verifier verifier;
  private final Function<OAuthToken, Grants> grants;
  private final String challenge;

  private OAuth1Scheme(Builder b) {
    this.verifier = b.verifier;
    this.grants = b.grants;
    this.challenge = Challenge.scheme(OAuth1Verifier.SCHEME).quoted("realm", verifier.realm()).render();
  }

  /** A builder over {@code verifier}; grants default to {@link Grants#none()}. */
  public static Builder builder(OAuth1Verifier verifier) {
    return new Builder(verifier);
  }

  @Override
  public String name() {
    return OAuth1Verifier.SCHEME;
  }

  @Override
  public Outcome authenticate(AuthRequest request, String credentials) {
    return outcome(verifier.verify(request, TokenKind.ACCESS, credentials));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The identifier is the {@code oauth_consumer_key}, read before the signature is computed.
   */
  @Override
  public Outcome authenticate(AuthRequest request, String credentials, Attempt attempt) {
    if (!attempt.wantsIdentifier()) {
      // nothing throttles or listens: parsing the header a second time for its consumer key
      // would be wasted (it was a third of this scheme's garbage)
      return authenticate(request, credentials);
    }
    Outcome.Rejected throttled = attempt.admit(consumerKeyOf(request, credentials));
    return throttled != null ? throttled : authenticate(request, credentials);
  }

  /**
   * {@inheritDoc}
   *
   * <p>When nothing throttles or listens, the parameters are read where they lie in the header.
   */
  @Override
  public Outcome authenticate(AuthRequest request, String header, int from, Attempt attempt) {
    if (!attempt.wantsIdentifier()) {
      return outcome(verifier.verify(request, TokenKind.ACCESS, header, from));
    }
    return authenticate(request, header.substring(from), attempt);
  }

  /** Verifies when {@code oauth_*} parameters sit in the query or a form body. */
  @Override
  public Outcome authenticateUnannounced(AuthRequest request) {
    return carriesUnannouncedCredentials(request)
        ? outcome(verifier.verify(request, TokenKind.ACCESS, null))
        : Outcome.noCredentials();
  }

  @Override
  public Outcome authenticateUnannounced(AuthRequest request, Attempt attempt) {
    if (!carriesUnannouncedCredentials(request)) {
      return Outcome.noCredentials();
    }
    if (!attempt.wantsIdentifier()) {
      return outcome(verifier.verify(request, TokenKind.ACCESS, null));
    }
    Outcome.Rejected throttled = attempt.admit(consumerKeyOf(request, null));
    return throttled != null ? throttled : outcome(verifier.verify(request, TokenKind.ACCESS, null));
  }

  /**
   * The consumer key the request names (header, else query, else form), unverified; null when it
   * names none or the header does not parse (the verifier then refuses it as it always did).
   */
  private static @Nullable String consumerKeyOf(AuthRequest request, @Nullable String header) {
    try {
      if (header != null) {
        String v = AuthParams.parse(header).get("oauth_consumer_key");
        return v == null ? null : PercentCodec.decode(v, false);
      }
      String q = request.rawQuery();
      if (q != null) {
        for (Param p : FormCodec.decode(q)) {
          if (p.name().equals("oauth_consumer_key")) {
            return p.value();
          }
        }
      }
      for (Param p : request.formParameters()) {
        if (p.name().equals("oauth_consumer_key")) {
          return p.value();
        }
      }
      return null;
    } catch (MalformedException e) {
      return null; // the verifier reports the malformation itself; nothing to name here
    }
  }

  @Override
  public boolean carriesUnannouncedCredentials(AuthRequest request) {
    String q = request.rawQuery();
    if (q != null && (q.startsWith("oauth_") || q.contains("&oauth_"))) {
      return true;
    }
    for (Param p : request.formParameters()) {
      if (p.name().startsWith("oauth_")) {
        return true;
      }
    }
    return false;
  }

  private Outcome outcome(Verification v) {
    if (v instanceof Verification.Failed f) {
      return f.rejection();
    }
    Verification.Verified ok = (Verification.Verified) v;
    OAuthToken token = Objects.requireNonNull(ok.token(), "an access verification carries its token");
    Identity identity = new Identity(Objects.requireNonNull(token.user()), token.account(),
        ok.consumer().key(), OAuth1Verifier.SCHEME, grants.apply(token), Set.of(),
        Map.of("consumer_key", ok.consumer().key()));
    return new Outcome.Authenticated(identity);
  }

  @Override
  public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
    return List.of(challenge);
  }

  /**
   * The problem report: {@code oauth_problem}, {@code oauth_problem_advice}, and
   * {@code oauth_acceptable_timestamps}, {@code oauth_parameters_absent} or
   * {@code oauth_acceptable_versions} where they apply.
   */
  @Override
  public Denial.Body rejectionBody(Outcome.Rejected rejection) {
    return problemBody(rejection);
  }

  /** The form-encoded problem report for any OAuth rejection (the provider endpoints use it too). */
  public static Denial.Body problemBody(Outcome.Rejected rejection) {
    List<Param> out = new ArrayList<>(4);
    out.add(new Param("oauth_problem", rejection.reason().code()));
    for (Map.Entry<String, String> e : rejection.challengeParams().entrySet()) {
      out.add(new Param(e.getKey(), e.getValue()));
    }
    out.add(new Param("oauth_problem_advice", rejection.message()));
    StringBuilder sb = new StringBuilder(96);
    for (Param p : out) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      PercentCodec.encodeTo(sb, p.name());
      sb.append('=');
      PercentCodec.encodeTo(sb, p.value());
    }
    return new Denial.Body(Denial.Body.FORM, sb.toString());
  }

  /** Builds an {@link OAuth1Scheme}. Not thread-safe. */
  public static final class Builder {
    private final OAuth1Verifier verifier;
    private Function<OAuthToken, Grants> grants = t -> Grants.none();

    private Builder(OAuth1Verifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /** What an access token may do; called on each verified request. */
    public Builder grants(Function<OAuthToken, Grants> grants) {
      this.grants = Objects.requireNonNull(grants, "grants");
      return this;
    }

    public OAuth1Scheme build() {
      return new OAuth1Scheme(this);
    }
  }
}
