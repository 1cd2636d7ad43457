package dev.portcullis.core;

import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.internal.JsonText;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.spi.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the core: picks the scheme from the {@code Authorization} header, runs it,
 * and renders refusals.
 *
 * <pre>{@code
 * Gate gate = Gate.builder()
 *     .scheme(new BasicTokenScheme(tokens, "catalog"))
 *     .scheme(new BearerTokenScheme(tokens, "catalog"))
 *     .requireSecure(true)
 *     .build();
 * Outcome outcome = gate.authenticate(request);
 * if (!(outcome instanceof Outcome.Authenticated ok)) {
 *   Denial d = gate.deny(request, outcome);   // 400/401/403 with every challenge
 * } else if (!ok.identity().grants().allows(needed)) {
 *   Denial d = gate.forbid(ok.identity(), needed); // 403
 * }
 * }</pre>
 *
 * <p>Rules: two {@code Authorization} headers, or a header plus credentials that another scheme
 * finds elsewhere, are refused with 400. A scheme name nobody accepts gets a 401 with every
 * challenge. A parse failure anywhere becomes a 400 whose message says what was wrong (never the
 * input). When HTTPS is required and the request is not secure, nothing is verified: 403. A store
 * that cannot be reached ({@link StoreUnavailableException}) becomes a 503: fail closed.
 *
 * <p>Immutable and thread-safe; build one per protection policy and share it.
 */
public final class Gate {
  private final List<Scheme> schemes;
  private final boolean requireSecure;

  private Gate(Builder b) {
    this.schemes = List.copyOf(b.schemes);
    this.requireSecure = b.requireSecure;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The schemes, in the order their challenges are offered. */
  public List<Scheme> schemes() {
    return schemes;
  }

  /** Whether requests must arrive over HTTPS. */
  public boolean requiresSecure() {
    return requireSecure;
  }

  /** Authenticates {@code request}; never throws for anything the client sent. */
  public Outcome authenticate(AuthRequest request) {
    if (requireSecure && !request.secure()) {
      return new Outcome.Rejected(Reason.HTTPS_REQUIRED, null);
    }
    try {
      List<String> authz = request.headers("Authorization");
      if (authz.size() > 1) {
        return new Outcome.Rejected(Reason.DUPLICATE_CREDENTIALS, null,
            "Send exactly one Authorization header.");
      }
      if (authz.isEmpty()) {
        for (Scheme s : schemes) {
          Outcome o = s.authenticateUnannounced(request);
          if (!(o instanceof Outcome.NoCredentials)) {
            return o;
          }
        }
        return Outcome.noCredentials();
      }
      String header = authz.get(0);
      int start = 0;
      int n = header.length();
      while (start < n && (header.charAt(start) == ' ' || header.charAt(start) == '\t')) {
        start++;
      }
      int end = start;
      while (end < n && AuthParams.isTchar(header.charAt(end))) {
        end++;
      }
      if (end == start || end < n && header.charAt(end) != ' ' && header.charAt(end) != '\t') {
        return new Outcome.Rejected(Reason.MALFORMED_HEADER, null,
            "The Authorization header must start with an authentication scheme name.");
      }
      String name = header.substring(start, end);
      int rest = end;
      while (rest < n && (header.charAt(rest) == ' ' || header.charAt(rest) == '\t')) {
        rest++;
      }
      String credentials = header.substring(rest);
      Scheme chosen = null;
      for (Scheme s : schemes) {
        if (s.accepts(name)) {
          chosen = s;
          break;
        }
      }
      if (chosen == null) {
        return new Outcome.Rejected(Reason.UNSUPPORTED_SCHEME, null);
      }
      for (Scheme s : schemes) {
        // A presence test, not a verification: a request refused here must not spend a nonce.
        if (s != chosen && s.carriesUnannouncedCredentials(request)) {
          return new Outcome.Rejected(Reason.DUPLICATE_CREDENTIALS, null,
              "The request carries credentials for two schemes; send one.");
        }
      }
      return chosen.authenticate(request, credentials);
    } catch (MalformedException e) {
      return new Outcome.Rejected(Reason.MALFORMED_REQUEST, null, e.getMessage());
    } catch (BodyTooLargeException e) {
      return new Outcome.Rejected(Reason.BODY_TOO_LARGE, null);
    } catch (StoreUnavailableException e) {
      // Fail closed: a store we cannot reach never lets a request through, whichever scheme asked.
      return new Outcome.Rejected(Reason.UNAVAILABLE, null);
    }
  }

  /**
   * Renders a refusal for an outcome that is not {@link Outcome.Authenticated}: 401 with every
   * scheme's challenge for no or refused credentials, the rejection's own status otherwise.
   *
   * @throws IllegalArgumentException if {@code outcome} is {@link Outcome.Authenticated}
   */
  public Denial deny(AuthRequest request, Outcome outcome) {
    if (outcome instanceof Outcome.Authenticated) {
      throw new IllegalArgumentException("cannot deny an authenticated outcome");
    }
    Outcome.Rejected rejected = outcome instanceof Outcome.Rejected r ? r : null;
    int status = rejected == null ? 401 : rejected.status();
    List<Header> headers = new ArrayList<>(4);
    if (status == 401) {
      for (Scheme s : schemes) {
        Outcome.Rejected cause = rejected != null && s.name().equals(rejected.scheme()) ? rejected : null;
        for (String c : s.challenges(request, cause)) {
          headers.add(new Header("WWW-Authenticate", c));
        }
      }
    }
    Denial.Body body = null;
    if (rejected != null && rejected.scheme() != null) {
      Scheme owner = find(rejected.scheme());
      if (owner != null) {
        body = owner.rejectionBody(rejected);
      }
    }
    if (body == null) {
      body = rejected == null
          ? json(401, "unauthorized", "Authentication is required.")
          : json(status, rejected.reason().code(), rejected.message());
    }
    return new Denial(status, headers, body);
  }

  /** Renders a 403 for an authenticated identity that lacks {@code requirement}. */
  public Denial forbid(Identity identity, Requirement requirement) {
    List<Header> headers = new ArrayList<>(1);
    Scheme owner = find(identity.scheme());
    if (owner != null) {
      for (String c : owner.insufficientScope(identity, requirement)) {
        headers.add(new Header("WWW-Authenticate", c));
      }
    }
    String message = requirement.resource() == null
        ? "These credentials lack the permission " + requirement.scopeLabel() + "."
        : "These credentials lack the permission " + requirement.scopeLabel() + " for "
            + requirement.resource() + ".";
    return new Denial(403, headers, json(403, "insufficient_scope", message));
  }

  private @Nullable Scheme find(String name) {
    for (Scheme s : schemes) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static Denial.Body json(int status, String error, String message) {
    return new Denial.Body(Denial.Body.JSON, JsonText.error(status, error, message));
  }

  /** Builds a {@link Gate}. Not thread-safe. */
  public static final class Builder {
    private final List<Scheme> schemes = new ArrayList<>();
    private boolean requireSecure;

    private Builder() {}

    /**
     * Adds a scheme; challenges are offered in the order schemes are added.
     *
     * @throws IllegalArgumentException if a scheme of the same name was already added
     */
    public Builder scheme(Scheme scheme) {
      Objects.requireNonNull(scheme, "scheme");
      for (Scheme s : schemes) {
        if (s.name().equalsIgnoreCase(scheme.name())) {
          throw new IllegalArgumentException("scheme " + scheme.name() + " added twice");
        }
      }
      schemes.add(scheme);
      return this;
    }

    /** Refuse (403) requests that did not arrive over HTTPS, before looking at credentials. */
    public Builder requireSecure(boolean requireSecure) {
      this.requireSecure = requireSecure;
      return this;
    }

    /**
     * Builds the gate.
     *
     * @throws IllegalStateException if no scheme was added
     */
    public Gate build() {
      if (schemes.isEmpty()) {
        throw new IllegalStateException("a gate needs at least one scheme");
      }
      return new Gate(this);
    }
  }
}
