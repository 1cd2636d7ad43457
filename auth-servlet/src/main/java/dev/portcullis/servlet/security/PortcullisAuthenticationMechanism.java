package dev.portcullis.servlet.security;

import dev.portcullis.core.internal.SettingsGiven;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.access.AccessDecision;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.internal.RedactedFailure;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.servlet.AccessRules;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.Denials;
import dev.portcullis.servlet.ReplayedBodyRequest;
import dev.portcullis.servlet.Rule;
import dev.portcullis.servlet.ServletAuthRequest;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jakarta Security {@link HttpAuthenticationMechanism} that authenticates with a Portcullis
 * {@link Gate} (Digest, OAuth 1.0a, Basic and Bearer API tokens: whichever schemes the gate holds)
 * and hands the result to the container.
 *
 * <p>On success it calls {@link HttpMessageContext#notifyContainerAboutLogin(java.security.Principal,
 * Set)} with the identity's subject as the caller and these groups: the identity's roles, plus a
 * label {@code scope(op)} for every permission that covers the whole scope ({@code items(r)};
 * {@code items(rw)} also yields {@code items(r)} and {@code items(w)}, and the two halves held
 * separately yield {@code items(rw)}: {@link AccessDecision#scopeGroups}), so {@code @RolesAllowed},
 * {@code isUserInRole} and {@code SecurityContext.isCallerInRole} see them. Permissions limited to
 * some resources become no group, since a role cannot say which resource; read them from the
 * {@link Identity}, which is also set as the request attribute {@link AuthFilter#IDENTITY_ATTRIBUTE}.
 * With {@link Builder#rule rules}, the mechanism also makes the access decision per resource, the
 * way {@link AuthFilter} does and with the same answers (the shared decision table runs through both).
 * Scheme response headers (Digest's {@code Authentication-Info}) are added to the response, and so
 * is {@code Cache-Control: no-store} ({@link AdapterOptions#cacheControl()}; the application may set
 * its own).
 *
 * <p>Whether a request is secure is decided from the connection (its TLS attributes) or a trusted
 * proxy, never from {@code getScheme()}; a request whose absolute-form target contradicts its
 * connection or {@code Host} header is refused with 400 whether the resource is protected or not
 * ({@link dev.portcullis.core.http.RequestOrigin}).
 *
 * <p>On refusal it writes the gate's own {@link Denial} (status, every {@code WWW-Authenticate}
 * challenge of RFC 7235 section 4.1, a JSON or OAuth form body), commits the response, and returns
 * {@link AuthenticationStatus#SEND_FAILURE}, so the client gets that body rather than the
 * container's error page. The unread request body is swallowed first, up to
 * {@link AdapterOptions#swallowLimit()} bytes, so the refusal is not lost to a TCP reset. A request without credentials for a resource the container does not
 * protect is let through ({@link HttpMessageContext#doNothing()}); credentials that fail are refused
 * wherever they are sent.
 *
 * <p>CDI: this class is deliberately not a bean (it carries no bean-defining annotation), so putting
 * the jar in a WAR changes nothing until the application produces the mechanism:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Security {
 *   @Produces @ApplicationScoped
 *   HttpAuthenticationMechanism portcullis() {
 *     return PortcullisAuthenticationMechanism.builder(CatalogGates.gate()).build();
 *   }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PortcullisAuthenticationMechanism implements HttpAuthenticationMechanism {
  private static final Logger LOG = LoggerFactory.getLogger(PortcullisAuthenticationMechanism.class);

  private final Gate gate;
  private final AdapterOptions options;
  private final boolean scopeGroups;
  private final AccessRules rules;

  private PortcullisAuthenticationMechanism(Builder b) {
    this.gate = b.gate;
    this.options = b.options == null ? AdapterOptions.defaults() : b.options;
    this.scopeGroups = b.scopeGroups;
    this.rules = AccessRules.of(b.rules, b.denyUnmatched);
  }

  /**
   * A builder for a mechanism over {@code gate}.
   *
   * @throws NullPointerException if {@code gate} is null
   */
  public static Builder builder(Gate gate) {
    return new Builder(gate);
  }

  @Override
  public AuthenticationStatus validateRequest(HttpServletRequest request,
      HttpServletResponse response, HttpMessageContext context) {
    ServletAuthRequest view = new ServletAuthRequest(request, options);
    if (view.conflict() != null) {
      // Unprotected resources too: nothing may believe a scheme the client wrote in the request line.
      LOG.debug("refused {} {}: request target contradicts the connection", request.getMethod(),
          request.getRequestURI());
      return refuse(request, response, view.conflictDenial());
    }
    Outcome outcome;
    try {
      outcome = gate.authenticate(view);
    } catch (StoreUnavailableException e) {
      LOG.warn("store unavailable while authenticating {} {}: {}", request.getMethod(),
          request.getRequestURI(), e.getClass().getName());
      return refuse(request, response, Denial.unavailable());
    } catch (RuntimeException e) {
      // The one failure policy: the stack trace (messages withheld) server-side, a bare 500 to the client.
      LOG.error("authentication failed unexpectedly on {} {}", request.getMethod(),
          request.getRequestURI(), RedactedFailure.of(e));
      return refuse(request, response, Denial.serverError());
    }
    if (outcome instanceof Outcome.Authenticated ok) {
      Identity identity = ok.identity();
      for (Header h : ok.responseHeaders()) {
        response.addHeader(h.name(), h.value());
      }
      if (!options.cacheControl().isEmpty()) {
        // Before the application runs, so it may still choose its own.
        response.setHeader("Cache-Control", options.cacheControl());
      }
      request.setAttribute(AuthFilter.IDENTITY_ATTRIBUTE, identity);
      Denial forbidden = rules.check(gate, identity, request, view);
      if (forbidden != null) {
        LOG.debug("refused {} {}: status={} scheme={}", request.getMethod(), request.getRequestURI(),
            forbidden.status(), identity.scheme());
        return refuse(request, response, forbidden);
      }
      byte[] body = view.bufferedBody();
      if (body != null) {
        // A scheme consumed the stream (Digest auth-int, oauth_body_hash): the app reads the copy.
        context.withRequest(new ReplayedBodyRequest(request, body));
      }
      return context.notifyContainerAboutLogin(new PortcullisPrincipal(identity), groups(identity));
    }
    if (outcome instanceof Outcome.NoCredentials
        && !context.isProtected() && !context.isAuthenticationRequest() && !rules.guards(request)) {
      return context.doNothing();
    }
    Denial denial = gate.deny(view, outcome);
    if (LOG.isDebugEnabled()) {
      LOG.debug("refused {} {}: {}", request.getMethod(), request.getRequestURI(),
          outcome instanceof Outcome.Rejected r ? r.reason() + " scheme=" + r.scheme() : "NO_CREDENTIALS");
    }
    return refuse(request, response, denial);
  }

  /**
   * The container groups for {@code identity}: its roles plus the whole-scope permission labels the
   * core derives ({@link AccessDecision#scopeGroups}), so a role means what the access decision means.
   */
  Set<String> groups(Identity identity) {
    Set<String> groups = new LinkedHashSet<>(identity.roles());
    if (scopeGroups) {
      groups.addAll(AccessDecision.scopeGroups(identity.grants()));
    }
    return groups;
  }

  private AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
      Denial denial) {
    try {
      // The unread body is swallowed first (bounded), so the refusal is not lost to a TCP reset.
      if (Denials.write(request, response, denial, options.swallowLimit())) {
        // Committed now, so the container cannot swap our body for its error page.
        response.flushBuffer();
      }
    } catch (IOException e) {
      // The client went away; there is nobody left to tell.
      LOG.debug("could not write the refusal: {}", e.getClass().getName());
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  /**
   * Builds a {@link PortcullisAuthenticationMechanism}. Each setting may be given once: a second
   * call throws {@link IllegalStateException}. Not thread-safe.
   */
  public static final class Builder {
    private final Gate gate;
    private @Nullable AdapterOptions options;
    private boolean scopeGroups = true;
    private final SettingsGiven given = new SettingsGiven();
    private final List<Rule> rules = new ArrayList<>();
    private boolean denyUnmatched;

    private Builder(Gate gate) {
      this.gate = Objects.requireNonNull(gate, "gate");
    }

    /**
     * The transport settings (trusted proxies, body cap, swallow limit) shared by every adapter;
     * {@link AdapterOptions#defaults()} when not given.
     *
     * @throws IllegalStateException if already set
     */
    public Builder options(AdapterOptions options) {
      this.options = AdapterOptions.once(this.options, options);
      return this;
    }

    /** Whether whole-scope permissions become {@code scope(op)} groups; true by default. */
    public Builder scopeGroups(boolean scopeGroups) {
      given.once("scopeGroups");
      this.scopeGroups = scopeGroups;
      return this;
    }

    /**
     * Adds an access rule, as {@link AuthFilter.Builder#rule(Rule)} does: a request it matches needs
     * credentials even where the container protects nothing, and is allowed only if the core's
     * access decision says so (403 with the scheme's {@code insufficient_scope} challenge, or 400
     * for a malformed resource id, with the same bodies as {@link AuthFilter}). Rules say what groups
     * cannot: which resource (an API key in the query, a path variable, a header) a permission must
     * cover. Rules are tried in the order added; the first match decides.
     */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** Whether an authenticated request that no rule matches is refused with 403 (default false). */
    public Builder denyUnmatched(boolean denyUnmatched) {
      this.denyUnmatched = denyUnmatched;
      return this;
    }

    /** Builds the mechanism. */
    public PortcullisAuthenticationMechanism build() {
      return new PortcullisAuthenticationMechanism(this);
    }
  }
}
