package dev.portcullis.servlet;

import dev.portcullis.core.internal.SettingsGiven;
import dev.portcullis.core.Denial;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.Header;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.RedactedFailure;
import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.core.spi.StoreUnavailableException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet filter that authenticates every non-public request with a {@link Gate}, checks the
 * matching {@link Rule}'s permission, and hands the application a request whose
 * {@code getUserPrincipal()}, {@code getAuthType()} and {@code isUserInRole()} answer for the
 * authenticated {@link Identity}.
 *
 * <p>Status codes follow RFC 7235 section 3.1 (401 with every scheme's {@code WWW-Authenticate}
 * challenge) and RFC 6750 section 3.1 ({@code insufficient_scope} on 403): 400 for requests that
 * cannot be parsed, 401 for missing or refused credentials, 403 for HTTPS-required or a missing
 * permission, 413 when a scheme needs a body larger than {@link AdapterOptions#maxBodyBytes()}, 503 when a store is
 * unreachable (fail closed). Every refusal carries {@code Cache-Control: no-store}, and so does every
 * authenticated response unless {@link AdapterOptions#cacheControl()} says otherwise (the application
 * may set its own). "Secure" is the connection's TLS or a trusted proxy's word, never the request
 * line: a request whose absolute-form target (or HTTP/2 {@code :scheme}) contradicts its connection
 * gets 400 on every path, public ones included ({@link dev.portcullis.core.http.RequestOrigin}). Two
 * {@code Host} headers, or a target authority other than {@code Host}, are refused by the container
 * (Jetty 12 and Tomcat 11 do, before any filter) and again by the filter when a scheme reads the
 * host ({@link ServletAuthRequest}). Authorization is
 * decided before the body is read; once a request is refused, its unread body (which the
 * application never sees) is swallowed up to {@link AdapterOptions#swallowLimit()} bytes so the refusal
 * reaches the client intact, and a larger one gets {@code Connection: close} on HTTP/1.x. An unexpected exception is logged
 * with its stack trace and answered with a 500 that names no cause.
 *
 * <p>Configured in code:
 * <pre>{@code
 * AuthFilter filter = AuthFilter.builder()
 *     .gate(gate)
 *     .publicPath("/search/*")
 *     .rule(Rule.of("GET", "/v2/items", "items", Operation.READ).resourceFromQuery("key"))
 *     .rule(Rule.of("PUT", "/v2/items/{id}", "items", Operation.WRITE).resourceFromQuery("key"))
 *     .options(AdapterOptions.builder().trustedProxies(TrustedProxies.of(List.of("10.0.0.0/8"))).build())
 *     .denyUnmatched(true)
 *     .build();
 * context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 *
 * <p>Or from {@code web.xml} through the public no-arg constructor and these init-params, read once
 * in {@link #init}:
 * <ul>
 *   <li>{@code gate-factory} (required): class name of a {@link GateFactory} with a public no-arg
 *       constructor; it receives every init-param.
 *   <li>{@code public-paths}: patterns separated by commas or white space ({@code /health,
 *       /search/*, /browse/{filter}/{value}}).
 *   <li>{@code rules}: one rule per line, {@code METHOD PATH scope(op) [source]}, where op is
 *       {@code r}, {@code w} or {@code rw}, METHOD may be {@code *}, and source is
 *       {@code query:NAME}, {@code path:VAR}, {@code header:NAME} or absent (no resource id).
 *       Blank lines and lines starting with {@code #} are skipped.
 *   <li>{@code trusted-proxies}: IP addresses or CIDR blocks whose {@code Forwarded} /
 *       {@code X-Forwarded-*} headers are believed.
 *   <li>{@code max-body-bytes}: the body buffering cap (default {@value AdapterOptions#DEFAULT_MAX_BODY_BYTES}).
 *   <li>{@code swallow-limit}: the most bytes of a refused request's unread body read and discarded
 *       so the connection survives (default {@value AdapterOptions#DEFAULT_SWALLOW_LIMIT}; see
 *       {@link AdapterOptions.Builder#swallowLimit(int)}).
 *   <li>{@code deny-unmatched}: {@code true} to answer 403 to a protected request that no rule
 *       covers; {@code false} (default) to let it through once authenticated.
 * </ul>
 *
 * <p>Paths (public paths and rules) are matched against the decoded, normalised path inside the
 * context ({@code getServletPath() + getPathInfo()}), so encoded or dot-segment variants of a path
 * meet the same rules. The first rule whose method and path match decides; order rules from most to
 * least specific.
 *
 * <p>Thread-safe once initialised: one instance serves every request.
 */
public final class AuthFilter implements Filter {
  /** The request attribute under which the authenticated {@link Identity} is stored. */
  public static final String IDENTITY_ATTRIBUTE = "dev.portcullis.identity";

  private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

  private volatile @Nullable Config config;

  /** For {@code web.xml}: the filter configures itself from its init-params in {@link #init}. */
  public AuthFilter() {}

  private AuthFilter(Config config) {
    this.config = config;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the init-params unless the filter was built with {@link #builder()} (which then wins).
   *
   * @throws ServletException if an init-param is missing or malformed, or the gate factory fails
   */
  @Override
  public void init(FilterConfig filterConfig) throws ServletException {
    if (config != null) {
      return;
    }
    Map<String, String> params = new HashMap<>();
    for (String name : Collections.list(filterConfig.getInitParameterNames())) {
      params.put(name, filterConfig.getInitParameter(name));
    }
    ClassLoader loader = filterConfig.getServletContext() == null
        ? null : filterConfig.getServletContext().getClassLoader();
    try {
      config = InitParams.parse(params, loader).config();
    } catch (RuntimeException e) {
      throw new ServletException("AuthFilter '" + filterConfig.getFilterName()
          + "' is misconfigured: " + e.getMessage(), e);
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    Config c = config;
    if (c == null) {
      throw new ServletException("AuthFilter was not initialised");
    }
    if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
      throw new ServletException("AuthFilter handles HTTP requests only");
    }
    String path = pathOf(request);
    ServletAuthRequest view = new ServletAuthRequest(request, c.options);
    if (view.conflict() != null) {
      // Public paths too: an application reading getScheme() must not be fooled either.
      LOG.debug("refused {} {}: request target contradicts the connection", request.getMethod(), path);
      refuse(c, request, response, view.conflictDenial());
      return;
    }
    for (PathPattern p : c.publicPaths) {
      if (p.matches(path)) {
        chain.doFilter(request, response);
        return;
      }
    }
    Outcome outcome;
    try {
      outcome = c.gate.authenticate(view);
      if (!(outcome instanceof Outcome.Authenticated)) {
        Denial denial = c.gate.deny(view, outcome);
        Reason reason = outcome instanceof Outcome.Rejected r ? r.reason() : null;
        String scheme = outcome instanceof Outcome.Rejected r ? r.scheme() : null;
        LOG.debug("refused {} {}: reason={} scheme={}", request.getMethod(), path,
            reason == null ? "NO_CREDENTIALS" : reason, scheme);
        refuse(c, request, response, denial);
        return;
      }
    } catch (StoreUnavailableException e) {
      LOG.warn("store unavailable while authenticating {} {}: {}", request.getMethod(), path,
          e.getClass().getName());
      refuse(c, request, response, Denial.unavailable());
      return;
    } catch (RuntimeException e) {
      // The one failure policy: the stack trace (messages withheld) server-side, a bare 500 to the client.
      LOG.error("authentication failed unexpectedly on {} {}", request.getMethod(), path, RedactedFailure.of(e));
      refuse(c, request, response, Denial.serverError());
      return;
    }
    Outcome.Authenticated ok = (Outcome.Authenticated) outcome;
    Identity identity = ok.identity();
    for (Header h : ok.responseHeaders()) {
      response.addHeader(h.name(), h.value());
    }
    if (!c.options.cacheControl().isEmpty()) {
      // Before the application runs, so it may still choose its own.
      response.setHeader("Cache-Control", c.options.cacheControl());
    }
    Denial refusal = c.rules.check(c.gate, identity, request, view, path);
    if (refusal != null) {
      LOG.debug("refused {} {}: status={} scheme={}", request.getMethod(), path, refusal.status(),
          identity.scheme());
      refuse(c, request, response, refusal);
      return;
    }
    byte[] body = view.bufferedBody();
    // A scheme consumed the stream (Digest auth-int, oauth_body_hash): the app reads the copy.
    HttpServletRequest seen = body == null ? request : new ReplayedBodyRequest(request, body);
    chain.doFilter(new AuthenticatedRequest(seen, identity), response);
  }

  /** Writes the refusal; the body the application will never see is swallowed first (see {@link Denials}). */
  private static void refuse(Config c, HttpServletRequest request, HttpServletResponse response,
      Denial denial) throws IOException {
    Denials.write(request, response, denial, c.options.swallowLimit());
  }

  @Override
  public void destroy() {
    // Nothing to release: the gate and its stores belong to whoever built them.
  }

  /** The decoded path inside the context, as the container routes it. */
  static String pathOf(HttpServletRequest request) {
    return AccessRules.pathOf(request);
  }

  /** Everything the filter needs per request, fixed at build or init. */
  private static final class Config {
    final Gate gate;
    final List<PathPattern> publicPaths;
    final AccessRules rules;
    final AdapterOptions options;

    Config(Builder b) {
      this.gate = Objects.requireNonNull(b.gate);
      this.publicPaths = List.copyOf(b.publicPaths);
      this.rules = AccessRules.of(b.rules, b.denyUnmatched);
      this.options = b.options == null ? AdapterOptions.defaults() : b.options;
    }
  }

  /** Builds an {@link AuthFilter}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Gate gate;
    private final List<PathPattern> publicPaths = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private @Nullable AdapterOptions options;
    private boolean denyUnmatched;
    private final SettingsGiven given = new SettingsGiven();

    private Builder() {}

    /** The gate that authenticates and renders refusals (required). */
    public Builder gate(Gate gate) {
      given.once("gate");
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /**
     * A path that needs no credentials: the filter passes it on without reading
     * {@code Authorization}. Exact ({@code /health}), prefix ({@code /search/*}), extension
     * ({@code *.css}) or template ({@code /browse/{filter}/{value}}).
     *
     * @throws IllegalArgumentException if the pattern is malformed
     */
    public Builder publicPath(String pattern) {
      publicPaths.add(PathPattern.compile(Objects.requireNonNull(pattern, "pattern")));
      return this;
    }

    /**
     * Adds a rule whose requests name no resource id (see {@link Rule#of}).
     *
     * @throws IllegalArgumentException if the method, pattern or scope is malformed
     */
    public Builder rule(String method, String pathTemplate, String scope, Operation operation) {
      return rule(Rule.of(method, pathTemplate, scope, operation));
    }

    /** Adds a rule; rules are tried in the order added and the first match decides. */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
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

    /** Whether a protected request that matches no rule is refused with 403 (default false). */
    public Builder denyUnmatched(boolean denyUnmatched) {
      given.once("denyUnmatched");
      this.denyUnmatched = denyUnmatched;
      return this;
    }

    Config config() {
      if (gate == null) {
        throw new IllegalStateException("AuthFilter needs a gate");
      }
      return new Config(this);
    }

    /**
     * Builds the filter.
     *
     * @throws IllegalStateException if no gate was set
     */
    public AuthFilter build() {
      return new AuthFilter(config());
    }
  }
}
