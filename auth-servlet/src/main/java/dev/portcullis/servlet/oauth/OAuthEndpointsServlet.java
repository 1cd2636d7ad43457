package dev.portcullis.servlet.oauth;

import dev.portcullis.core.internal.SettingsGiven;
import dev.portcullis.core.Denial;
import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.internal.RedactedFailure;
import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.oauth1.provider.CsrfTokens;
import dev.portcullis.core.oauth1.provider.OAuthProvider;
import dev.portcullis.core.oauth1.provider.ProviderResult;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.servlet.Denials;
import dev.portcullis.servlet.ServletAuthRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth 1.0a provider endpoints (RFC 5849 §2) as one servlet, mapped to a prefix such as
 * {@code /1.0/oauth/*}:
 *
 * <ul>
 *   <li>{@code POST request_token}: temporary credentials, form-encoded</li>
 *   <li>{@code GET/POST authorize}: the login and consent page (CSRF-protected), then a 302 to the
 *       callback with {@code oauth_token} and {@code oauth_verifier}, or the verifier page for {@code oob}</li>
 *   <li>{@code POST access_token}: token credentials, form-encoded</li>
 *   <li>{@code GET/POST authorize_app/{appId}}: the public-app flow's login page, then the page with
 *       the {@code appKey|appSecret|requestToken|tokenSecret|verifier} code</li>
 * </ul>
 *
 * <p>The token endpoints run under the given {@link Gate}'s attempt limiter and policy, as its OAuth
 * scheme does on protected resources: failed signatures (and wrong verifiers at the exchange) are
 * counted per consumer key and client address (as the gate resolves it with its own trusted
 * proxies: give it the same list as the options), and over the limit the request gets 429 with {@code Retry-After} and
 * {@code oauth_problem=too_many_attempts} before any signature is computed. Refusals are rendered
 * by the gate, whose OAuth scheme answers 401 with {@code WWW-Authenticate: OAuth realm="..."} and
 * a form-encoded {@code oauth_problem} body; a malformed request gets 400. A refusal first swallows what is left of
 * the request body, up to {@link AdapterOptions#swallowLimit()} bytes, so a TCP reset does not destroy
 * it; a larger body gets {@code Connection: close} on HTTP/1.x. An unexpected exception is logged with
 * its stack trace and answered with a 500 that names no cause. Every response carries
 * {@code Cache-Control: no-store}; pages also forbid framing.
 *
 * <pre>{@code
 * OAuthEndpointsServlet endpoints = OAuthEndpointsServlet.builder()
 *     .provider(provider)
 *     .gate(Gate.builder().scheme(oauthScheme).build())
 *     .build();
 * context.addServlet(new ServletHolder(endpoints), "/1.0/oauth/*");
 * }</pre>
 *
 * <p>Thread-safe: it holds only immutable collaborators.
 */
public final class OAuthEndpointsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(OAuthEndpointsServlet.class);
  static final String FORM = "application/x-www-form-urlencoded";

  private final transient OAuthProvider provider;
  private final transient Gate gate;
  private final transient AdapterOptions options;
  private final transient AuthorizePages pages;

  private OAuthEndpointsServlet(Builder b) {
    this.provider = b.provider;
    this.gate = b.gate;
    this.options = b.options == null ? AdapterOptions.defaults() : b.options;
    this.pages = new AuthorizePages(b.provider, b.csrf, b.pages, options.trustedProxies());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("Pragma", "no-cache");
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    String method = req.getMethod();
    // Secure is the connection's (or a trusted proxy's) word, for the endpoints and for the pages'
    // cookie flag alike; a target that contradicts the connection is refused before anything runs.
    ServletAuthRequest origin = new ServletAuthRequest(req, options);
    if (origin.conflict() != null) {
      Denials.write(req, resp, origin.conflictDenial(), options.swallowLimit());
      return;
    }
    try {
      switch (path) {
        case "/request_token":
          tokenEndpoint(req, resp, method, provider::issueRequestToken);
          return;
        case "/access_token":
          tokenEndpoint(req, resp, method, provider::exchange);
          return;
        case "/authorize":
          if (method.equals("GET")) {
            pages.showAuthorize(req, resp);
          } else if (method.equals("POST")) {
            pages.submitAuthorize(req, resp);
          } else {
            notAllowed(req, resp, "GET, POST");
          }
          return;
        default:
          if (path.startsWith("/authorize_app/")) {
            String appId = path.substring("/authorize_app/".length());
            if (method.equals("GET")) {
              pages.showAuthorizeApp(req, resp, appId);
            } else if (method.equals("POST")) {
              pages.submitAuthorizeApp(req, resp, appId);
            } else {
              notAllowed(req, resp, "GET, POST");
            }
            return;
          }
          pages.message(resp, 404, "Not found", "There is no OAuth endpoint at this address.");
      }
    } catch (StoreUnavailableException e) {
      LOG.warn("OAuth endpoint {} failed closed: a store is unavailable", path, e);
      Denials.write(req, resp, gate.deny(simpleView(req), new Outcome.Rejected(Reason.UNAVAILABLE, null)),
          options.swallowLimit());
    } catch (RuntimeException e) {
      // The one failure policy: the stack trace (messages withheld) server-side, a bare 500 to the client.
      LOG.error("OAuth endpoint {} failed unexpectedly", path, RedactedFailure.of(e));
      Denials.write(req, resp, Denial.serverError(), options.swallowLimit());
    }
  }

  private void tokenEndpoint(HttpServletRequest req, HttpServletResponse resp, String method,
      BiFunction<AuthRequest, Gate, ProviderResult> endpoint) throws IOException {
    if (!method.equals("POST")) {
      notAllowed(req, resp, "POST");
      return;
    }
    AuthRequest view = new ServletAuthRequest(req, options);
    ProviderResult result;
    try {
      // through the gate: its limiter sees the consumer and the address before any signature is computed
      result = endpoint.apply(view, gate);
    } catch (MalformedException e) {
      result = new ProviderResult.Refused(new Outcome.Rejected(Reason.MALFORMED_REQUEST, null, e.getMessage()));
    } catch (BodyTooLargeException e) {
      result = new ProviderResult.Refused(new Outcome.Rejected(Reason.BODY_TOO_LARGE, null));
    }
    if (result instanceof ProviderResult.Issued issued) {
      byte[] body = issued.formBody().getBytes(StandardCharsets.UTF_8);
      resp.setStatus(200);
      resp.setContentType(FORM);
      resp.setContentLength(body.length);
      resp.getOutputStream().write(body);
    } else {
      ProviderResult.Refused refused = (ProviderResult.Refused) result;
      Denials.write(req, resp, gate.deny(view, refused.rejection()), options.swallowLimit());
    }
  }

  private void notAllowed(HttpServletRequest req, HttpServletResponse resp, String allow)
      throws IOException {
    Denials.swallow(req, resp, options.swallowLimit());
    resp.setHeader("Allow", allow);
    byte[] body = ("oauth_problem=method_not_allowed").getBytes(StandardCharsets.US_ASCII);
    resp.setStatus(405);
    resp.setContentType(FORM);
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  private AuthRequest simpleView(HttpServletRequest req) {
    return new ServletAuthRequest(req, AdapterOptions.builder()
        .trustedProxies(options.trustedProxies()).maxBodyBytes(0).build());
  }

  @Override
  public String toString() {
    return "OAuthEndpointsServlet[" + provider + "]";
  }

  /**
   * Builds an {@link OAuthEndpointsServlet}. Each setter throws {@link IllegalStateException} when
   * its setting was already given. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable OAuthProvider provider;
    private @Nullable Gate gate;
    private @Nullable CsrfTokens csrf;
    private OAuthPages pages = OAuthPages.defaults();
    private @Nullable AdapterOptions options;
    private final SettingsGiven given = new SettingsGiven();

    private Builder() {}

    public Builder provider(OAuthProvider provider) {
      given.once("provider");
      this.provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /**
     * The gate whose OAuth scheme renders refusals (challenge realm, {@code oauth_problem} body) and
     * whose attempt limiter, policy, trusted proxies and listeners the token endpoints run under.
     */
    public Builder gate(Gate gate) {
      given.once("gate");
      this.gate = Objects.requireNonNull(gate, "gate");
      return this;
    }

    /** The CSRF token source for the pages; by default one with a random key and the system clock. */
    public Builder csrf(CsrfTokens csrf) {
      given.once("csrf");
      this.csrf = Objects.requireNonNull(csrf, "csrf");
      return this;
    }

    /** Replacement page templates. */
    public Builder pages(OAuthPages pages) {
      given.once("pages");
      this.pages = Objects.requireNonNull(pages, "pages");
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

    /**
     * Builds the servlet.
     *
     * @throws IllegalStateException if the provider or gate is missing
     */
    public OAuthEndpointsServlet build() {
      if (provider == null || gate == null) {
        throw new IllegalStateException("the OAuth endpoints need a provider and a gate");
      }
      if (csrf == null) {
        csrf = CsrfTokens.builder().build();
      }
      return new OAuthEndpointsServlet(this);
    }
  }
}
