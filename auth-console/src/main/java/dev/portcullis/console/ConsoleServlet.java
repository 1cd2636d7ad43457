package dev.portcullis.console;

import dev.portcullis.core.Reason;
import dev.portcullis.core.SecurityEvent;
import dev.portcullis.core.SecurityEvents;

import dev.portcullis.console.ConsoleActions.PermissionRow;
import dev.portcullis.console.Pages.Form;
import dev.portcullis.core.oauth1.provider.CsrfTokens;
import dev.portcullis.core.oauth1.provider.Login;
import dev.portcullis.core.oauth1.provider.SignIn;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.spi.oauth1.UserDirectory;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's pages, mounted under a path of the application's choice ({@code /console/*}):
 * API tokens, API keys and OAuth applications of the signed-in account. Built by {@link Console}.
 *
 * <p>Every response carries {@code Content-Security-Policy} (no inline script or style, no framing),
 * {@code Cache-Control: no-store} and {@code X-Frame-Options: DENY}; every form carries a CSRF token
 * signed over the signed-in user and a random value kept in the session. Behind the console's own
 * login the session id changes at sign-in (no fixation) and sign-out invalidates it. The session
 * cookie's flags are the container's: set it HttpOnly, Secure and SameSite=Strict (see the README).
 *
 * <p>Thread-safe.
 */
public final class ConsoleServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServlet.class);
  private static final String BINDING = "dev.portcullis.console.binding";
  private static final String USER = "dev.portcullis.console.user";
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
      + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  private static final int MAX_LOGIN_FIELD = 200;

  private final transient ConsoleActions actions;
  private final transient Pages pages;
  private final transient CsrfTokens csrf;
  private final transient @Nullable SignedIn signedIn;
  private final transient @Nullable UserDirectory users;
  private final transient @Nullable Function<String, @Nullable ConsoleUser> userMapping;
  private final transient @Nullable SignIn signIn;
  private final transient SecurityEvents events;
  /** The scheme name the console's sign-in events carry. */
  static final String EVENT_SCHEME = "console";
  private final boolean requireSecure;
  private final transient @Nullable String stylesheetOverride;

  ConsoleServlet(Console c) {
    this.actions = c.actions();
    this.csrf = c.csrf();
    this.signedIn = c.signedIn();
    this.users = c.users();
    this.userMapping = c.userMapping();
    this.signIn = c.signIn();
    this.events = c.events();
    this.requireSecure = c.requireSecure();
    this.stylesheetOverride = c.stylesheet();
    this.pages = new Pages(c.title(), c.stylesheet() == null ? "console.css" : c.stylesheet(), "console.js");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setHeader("Content-Security-Policy", CSP);
    resp.setHeader("Cache-Control", "no-store");
    resp.setHeader("X-Frame-Options", "DENY");
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Referrer-Policy", "no-referrer");
    String base = req.getContextPath() + req.getServletPath();
    String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
    try {
      if (requireSecure && !tls(req)) {
        page(resp, 403, pages.message(base, null, "", "HTTPS only", "The console is served over HTTPS only."));
        return;
      }
      if (req.getMethod().equals("GET") && (path.equals("/console.css") || path.equals("/console.js"))) {
        asset(resp, path.substring(1));
        return;
      }
      route(req, resp, base, path);
    } catch (StoreUnavailableException e) {
      LOG.warn("console {} failed closed: a store is unavailable", path);
      resp.setHeader("Retry-After", "5");
      page(resp, 503, pages.message(base, null, "", "Unavailable", "A store is unavailable; nothing was changed. Try again shortly."));
    }
  }

  private void route(HttpServletRequest req, HttpServletResponse resp, String base, String path) throws IOException {
    boolean post = req.getMethod().equals("POST");
    if (!post && !req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
      resp.setHeader("Allow", "GET, POST");
      page(resp, 405, pages.message(base, null, "", "Method not allowed", "Use the console's pages."));
      return;
    }
    HttpSession session = req.getSession(true);
    String binding = (String) session.getAttribute(BINDING);
    if (binding == null) {
      binding = csrf.newBinding();
      session.setAttribute(BINDING, binding);
    }
    ConsoleUser u = signedIn != null ? signedIn.of(req) : (ConsoleUser) session.getAttribute(USER);
    if (path.equals("/login") && signedIn == null) {
      if (post) {
        login(req, resp, base, session, binding);
      } else {
        page(resp, 200, pages.login(base, csrf.issue(subject(null), binding), null, ""));
      }
      return;
    }
    if (u == null) {
      if (signedIn == null) {
        resp.setStatus(303);
        resp.setHeader("Location", base + "/login");
      } else {
        page(resp, 401, pages.message(base, null, "", "Sign in first", "Sign in to the application to use the console."));
      }
      return;
    }
    String token = csrf.issue(subject(u), binding);
    if (post && csrf.check(req.getParameter("csrf"), subject(u), binding) != CsrfTokens.Check.VALID) {
      page(resp, 403, pages.message(base, u, token, "Form expired",
          "The form was not sent from this console session, or it is too old. Open the page again and retry."));
      return;
    }
    switch ((post ? "POST " : "GET ") + path) {
      case "GET /", "GET " -> redirect(resp, base + "/tokens");
      case "GET /tokens" -> tokensPage(resp, base, u, token, Form.EMPTY, null, 200);
      case "POST /tokens" -> createToken(req, resp, base, u, token);
      case "POST /tokens/revoke" -> {
        actions.revokeToken(u, param(req, "id"));
        redirect(resp, base + "/tokens");
      }
      case "GET /keys" -> page(resp, 200, pages.keys(base, u, token, actions.apiKeys(u), Form.EMPTY, null));
      case "POST /keys" -> {
        Result<dev.portcullis.core.spi.ApplicationRegistry.Application> r = actions.createApiKey(u, req.getParameter("name"));
        if (r instanceof Result.Ok<dev.portcullis.core.spi.ApplicationRegistry.Application> ok) {
          page(resp, 200, pages.keys(base, u, token, actions.apiKeys(u), Form.EMPTY, ok.value()));
        } else {
          page(resp, 400, pages.keys(base, u, token, actions.apiKeys(u), refusedForm(req, r, "name"), null));
        }
      }
      case "POST /keys/disable", "POST /keys/enable" -> {
        Result<?> r = actions.setKeyEnabled(u, param(req, "key"), path.endsWith("enable") && !path.endsWith("disable"));
        if (r instanceof Result.Refused<?> no) {
          page(resp, no.status(), pages.message(base, u, token, "Not found", no.message()));
        } else {
          redirect(resp, base + "/keys");
        }
      }
      case "GET /apps" -> appsPage(resp, base, u, token, Form.EMPTY, null, 200);
      case "POST /apps" -> {
        Result<ConsoleActions.AppSecret> r = actions.registerApp(u, req.getParameter("app_name"), req.getParameter("callbacks"));
        if (r instanceof Result.Ok<ConsoleActions.AppSecret> ok) {
          appsPage(resp, base, u, token, Form.EMPTY, ok.value(), 200);
        } else {
          appsPage(resp, base, u, token, refusedForm(req, r, "app_name", "callbacks"), null, 400);
        }
      }
      case "POST /apps/rotate" -> {
        Result<ConsoleActions.AppSecret> r = actions.rotateSecret(u, param(req, "key"));
        if (r instanceof Result.Ok<ConsoleActions.AppSecret> ok) {
          appsPage(resp, base, u, token, Form.EMPTY, ok.value(), 200);
        } else {
          page(resp, 404, pages.message(base, u, token, "Not found", ((Result.Refused<?>) r).message()));
        }
      }
      case "POST /authorized/revoke" -> {
        actions.revokeAuthorized(u, param(req, "key"));
        redirect(resp, base + "/apps");
      }
      case "POST /logout" -> {
        if (signedIn == null) {
          session.invalidate();
        }
        redirect(resp, base + (signedIn == null ? "/login" : "/tokens"));
      }
      default -> page(resp, 404, pages.message(base, u, token, "Not found", "There is no such console page."));
    }
  }

  private void login(HttpServletRequest req, HttpServletResponse resp, String base, HttpSession session, String binding)
      throws IOException {
    String username = Optional.ofNullable(req.getParameter("username")).orElse("").strip();
    String password = Optional.ofNullable(req.getParameter("password")).orElse("");
    String formToken = csrf.issue(subject(null), binding);
    if (csrf.check(req.getParameter("csrf"), subject(null), binding) != CsrfTokens.Check.VALID) {
      page(resp, 403, pages.login(base, formToken, "The sign-in form expired; please try again.", ""));
      return;
    }
    // cheap checks first, so a flood of junk never reaches PBKDF2
    if (username.isEmpty() || password.isEmpty() || username.length() > MAX_LOGIN_FIELD
        || password.length() > MAX_LOGIN_FIELD || username.chars().anyMatch(Character::isISOControl)) {
      page(resp, 400, pages.login(base, formToken, "Enter your username and password.", clipUser(username)));
      return;
    }
    char[] pw = password.toCharArray();
    Login login;
    try {
      // the limiter's read first; PBKDF2 only when the policy lets the attempt through
      login = java.util.Objects.requireNonNull(signIn).login(username, pw, clientAddress(req));
    } finally {
      Arrays.fill(pw, '\0');
    }
    if (login.status() == Login.Status.THROTTLED) {
      java.time.Duration wait = login.retryAfter();
      events.publish(new SecurityEvent.Throttled(java.time.Instant.now(), null, EVENT_SCHEME, username,
          clientAddress(req), wait == null ? 60 : Math.max(1, wait.toSeconds())));
      resp.setHeader("Retry-After", Long.toString(wait == null ? 60 : Math.max(1, wait.toSeconds())));
      page(resp, 429, pages.login(base, formToken, "Too many failed sign-ins; wait a few minutes.", username));
      return;
    }
    ConsoleUser u = login.user() == null ? null : java.util.Objects.requireNonNull(userMapping).apply(login.user());
    if (u == null) {
      events.publish(new SecurityEvent.Refused(java.time.Instant.now(), null, EVENT_SCHEME,
          Reason.CREDENTIALS_INVALID, username, clientAddress(req), 0));
      page(resp, 401, pages.login(base, formToken, "Wrong username or password.", username));
      return;
    }
    req.changeSessionId();
    session.setAttribute(USER, u);
    events.publish(new SecurityEvent.Authenticated(java.time.Instant.now(), null, EVENT_SCHEME, u.user(), null,
        clientAddress(req), 0));
    redirect(resp, base + "/tokens");
  }

  private void createToken(HttpServletRequest req, HttpServletResponse resp, String base, ConsoleUser u, String token)
      throws IOException {
    List<PermissionRow> rows = new ArrayList<>();
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < Pages.PERMISSION_ROWS; i++) {
      String scope = param(req, "scope_" + i);
      String op = param(req, "op_" + i);
      String[] res = Optional.ofNullable(req.getParameterValues("res_" + i)).orElse(new String[0]);
      values.put("scope_" + i, scope);
      values.put("op_" + i, op);
      for (String r : res) {
        values.put("res_" + i + "_" + r, "on");
      }
      if (!scope.isEmpty()) {
        rows.add(new PermissionRow(scope, op, List.of(res)));
      }
    }
    Result<dev.portcullis.core.token.IssuedToken> r =
        actions.createToken(u, req.getParameter("name"), rows, req.getParameter("expires_days"));
    if (r instanceof Result.Ok<dev.portcullis.core.token.IssuedToken> ok) {
      tokensPage(resp, base, u, token, Form.EMPTY, ok.value(), 200);
      return;
    }
    Result.Refused<?> no = (Result.Refused<?>) r;
    values.put("name", param(req, "name"));
    values.put("expires_days", param(req, "expires_days"));
    tokensPage(resp, base, u, token, new Form(values, Map.of(no.field() == null ? "" : no.field(), no.message())), null,
        no.status());
  }

  private void tokensPage(HttpServletResponse resp, String base, ConsoleUser u, String token, Form form,
      dev.portcullis.core.token.@Nullable IssuedToken issued, int status) throws IOException {
    page(resp, status, pages.tokens(base, u, token, actions.tokens(u), List.copyOf(actions.scopes()), actions.resources(u),
        form, issued, actions.clock().instant()));
  }

  private void appsPage(HttpServletResponse resp, String base, ConsoleUser u, String token, Form form,
      ConsoleActions.@Nullable AppSecret shown, int status) throws IOException {
    page(resp, status, pages.apps(base, u, token, actions.apps(u), actions.authorized(u), form, shown));
  }

  private static Form refusedForm(HttpServletRequest req, Result<?> r, String... fields) {
    Result.Refused<?> no = (Result.Refused<?>) r;
    Map<String, String> values = new HashMap<>();
    for (String f : fields) {
      values.put(f, param(req, f));
    }
    return new Form(values, Map.of(no.field() == null ? "" : no.field(), no.message()));
  }

  private static String subject(@Nullable ConsoleUser u) {
    return u == null ? "console-login" : "console:" + u.user().length() + ":" + u.user() + "|" + u.account();
  }

  private static String param(HttpServletRequest req, String name) {
    String v = req.getParameter(name);
    return v == null ? "" : v;
  }

  private static String clipUser(String s) {
    return s.length() > MAX_LOGIN_FIELD ? "" : s;
  }

  private static void redirect(HttpServletResponse resp, String location) {
    resp.setStatus(303);
    resp.setHeader("Location", location);
  }

  private static void page(HttpServletResponse resp, int status, String html) throws IOException {
    resp.setStatus(status);
    resp.setContentType("text/html;charset=utf-8");
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  private void asset(HttpServletResponse resp, String name) throws IOException {
    if (name.equals("console.css") && stylesheetOverride != null) {
      resp.setStatus(404);
      return;
    }
    byte[] body;
    try (InputStream in = ConsoleServlet.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("console asset " + name + " is missing from the jar"));
      }
      body = in.readAllBytes();
    }
    resp.setStatus(200);
    resp.setContentType(name.endsWith(".css") ? "text/css;charset=utf-8" : "text/javascript;charset=utf-8");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  /**
   * Whether the connection is TLS: the container's cipher-suite attribute, never {@code isSecure()}
   * or the scheme, which containers derive from the request line the client writes.
   */
  private static boolean tls(HttpServletRequest req) {
    return req.getAttribute("jakarta.servlet.request.cipher_suite") != null
        || req.getAttribute("jakarta.servlet.request.X509Certificate") != null;
  }

  /**
   * The peer of the connection, which sign-in failures are counted against. The console takes no
   * forwarding header: behind a reverse proxy, every client counts as the proxy's address for the
   * address counter (the pair and user counters still tell them apart).
   */
  private static String clientAddress(HttpServletRequest req) {
    String remote = req.getRemoteAddr();
    return remote == null ? "" : remote;
  }

}
