package dev.portcullis.servlet.oauth;

import dev.portcullis.core.http.BodyTooLargeException;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.http.TrustedProxies;
import dev.portcullis.core.oauth1.provider.Approval;
import dev.portcullis.core.oauth1.provider.AuthorizationCode;
import dev.portcullis.core.oauth1.provider.CsrfTokens;
import dev.portcullis.core.oauth1.provider.Login;
import dev.portcullis.core.oauth1.provider.OAuthProvider;
import dev.portcullis.core.oauth1.provider.PendingAuthorization;
import dev.portcullis.servlet.ServletAuthRequest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The authorize and authorize_app pages: login form, CSRF check, approval or denial. Nothing is
 * approved unless the CSRF token matches this request token and browser and the login is right.
 * Thread-safe (stateless apart from immutable collaborators).
 */
final class AuthorizePages {
  /** The binding cookie over plain HTTP (local development), scoped to the endpoints' path. */
  static final String COOKIE = "pc_oauth_csrf";
  /**
   * The binding cookie over HTTPS. Browsers accept a {@code __Host-} cookie only with
   * {@code Secure}, {@code Path=/} and no {@code Domain}, so a sibling subdomain or a plain-HTTP
   * response cannot plant one (cookie tossing); only it is read on HTTPS.
   */
  static final String SECURE_COOKIE = "__Host-" + COOKIE;
  private static final int MAX_FORM_BYTES = 16 * 1024;
  private static final int MAX_USERNAME = 256;
  private static final int MAX_PASSWORD = 1024;
  private static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final OAuthProvider provider;
  private final CsrfTokens csrf;
  private final OAuthPages pages;
  private final TrustedProxies proxies;

  AuthorizePages(OAuthProvider provider, CsrfTokens csrf, OAuthPages pages, TrustedProxies proxies) {
    this.provider = provider;
    this.csrf = csrf;
    this.pages = pages;
    this.proxies = proxies;
  }

  void showAuthorize(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String[] tokens = req.getParameterValues("oauth_token");
    if (tokens == null || tokens.length != 1 || tokens[0].isEmpty()) {
      message(resp, 400, "Missing request token", "This page needs exactly one oauth_token parameter.");
      return;
    }
    Optional<PendingAuthorization> pending = provider.pending(tokens[0]);
    if (pending.isEmpty()) {
      expired(resp);
      return;
    }
    String binding = binding(req, resp);
    login(resp, 200, pending.get().applicationName(), actionOf(req), pending.get().requestToken(),
        csrf.issue(pending.get().requestToken(), binding), null, "");
  }

  void submitAuthorize(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Map<String, String> form = form(req, resp);
    if (form == null) {
      return;
    }
    String token = form.getOrDefault("oauth_token", "");
    Optional<PendingAuthorization> pending = provider.pending(token);
    if (pending.isEmpty()) {
      expired(resp);
      return;
    }
    String binding = cookie(req);
    if (!csrfPasses(resp, form.get("csrf_token"), token, binding)) {
      return;
    }
    String app = pending.get().applicationName();
    // Deny needs the same sign-in as approve: a stranger holding only a CSRF token of their own must
    // not be able to kill somebody else's pending authorization.
    Login login = login(req, form);
    if (refused(login, resp, app, actionOf(req), token, token, binding, form.getOrDefault("username", ""))) {
      return;
    }
    if ("deny".equals(form.get("decision"))) {
      if (!provider.deny(token, login.user())) {
        expired(resp);
        return;
      }
      message(resp, 200, "Access denied", "You denied " + app + " access to your account. You can close this page.");
      return;
    }
    Optional<Approval> approval = provider.authorize(token, login.user());
    if (approval.isEmpty()) {
      expired(resp);
      return;
    }
    if (approval.get().redirect() != null) {
      resp.setStatus(302);
      resp.setHeader("Location", approval.get().redirect());
      resp.setContentLength(0);
      return;
    }
    page(resp, 200, pages.verifier().render(Map.of("application", app, "verifier", approval.get().verifier())));
  }

  void showAuthorizeApp(HttpServletRequest req, HttpServletResponse resp, String appId) throws IOException {
    Optional<String> app = provider.publicAppName(appId);
    if (app.isEmpty()) {
      message(resp, 404, "Unknown application", "No application is registered under this id.");
      return;
    }
    String binding = binding(req, resp);
    login(resp, 200, app.get(), actionOf(req), null, csrf.issue(appSubject(appId), binding), null, "");
  }

  void submitAuthorizeApp(HttpServletRequest req, HttpServletResponse resp, String appId) throws IOException {
    Optional<String> app = provider.publicAppName(appId);
    if (app.isEmpty()) {
      message(resp, 404, "Unknown application", "No application is registered under this id.");
      return;
    }
    Map<String, String> form = form(req, resp);
    if (form == null) {
      return;
    }
    String binding = cookie(req);
    if (!csrfPasses(resp, form.get("csrf_token"), appSubject(appId), binding)) {
      return;
    }
    Login login = login(req, form);
    if (refused(login, resp, app.get(), actionOf(req), null, appSubject(appId), binding,
        form.getOrDefault("username", ""))) {
      return;
    }
    if ("deny".equals(form.get("decision"))) {
      // nothing was minted yet, so nothing to revoke; signed in like approve, as on the authorize page
      message(resp, 200, "Access denied", "You denied " + app.get() + " access to your account. You can close this page.");
      return;
    }
    Optional<AuthorizationCode> code = provider.authorizeApp(appId, login.user());
    if (code.isEmpty()) {
      message(resp, 404, "Unknown application", "No application is registered under this id.");
      return;
    }
    page(resp, 200, pages.code().render(Map.of("application", app.get(), "code", code.get().render())));
  }

  void message(HttpServletResponse resp, int status, String title, String message) throws IOException {
    page(resp, status, pages.message().render(Map.of("title", title, "message", message)));
  }

  private void expired(HttpServletResponse resp) throws IOException {
    message(resp, 400, "Request expired",
        "This authorization request is unknown, expired or already answered. Start again from the application.");
  }

  private boolean csrfPasses(HttpServletResponse resp, @Nullable String token, String subject,
      @Nullable String binding) throws IOException {
    switch (csrf.check(token, subject, binding)) {
      case VALID:
        return true;
      case MISSING:
        message(resp, 400, "Form incomplete",
            "The form's security token or cookie is missing. Reload the page and try again.");
        return false;
      case EXPIRED:
        message(resp, 403, "Form expired", "The form has expired. Reload the page and try again.");
        return false;
      default:
        message(resp, 403, "Form rejected", "The form's security token is not valid for this page.");
        return false;
    }
  }

  private Login login(HttpServletRequest req, Map<String, String> form) {
    String username = form.getOrDefault("username", "");
    String password = form.getOrDefault("password", "");
    if (username.isEmpty() || username.length() > MAX_USERNAME || password.length() > MAX_PASSWORD) {
      return new Login(Login.Status.WRONG, null);
    }
    char[] pw = password.toCharArray();
    try {
      return provider.login(username, pw, ClientAddress.of(req, proxies));
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  /** Answers a failed login; returns false when the login worked and the caller goes on. */
  private boolean refused(Login login, HttpServletResponse resp, String app, String action, @Nullable String requestToken,
      String csrfSubject, String binding, String username) throws IOException {
    if (login.status() == Login.Status.OK) {
      return false;
    }
    if (login.status() == Login.Status.THROTTLED) {
      Duration wait = Objects.requireNonNull(login.retryAfter());
      resp.setHeader("Retry-After", Long.toString(Math.max(1, wait.getSeconds())));
      login(resp, 429, app, action, requestToken, csrf.issue(csrfSubject, binding),
          "Too many failed sign-in attempts. Wait " + waitText(wait) + " and try again.", username);
    } else {
      login(resp, 200, app, action, requestToken, csrf.issue(csrfSubject, binding),
          "The username or password is incorrect.", username);
    }
    return true;
  }

  private static String waitText(Duration wait) {
    long s = Math.max(1, wait.getSeconds());
    return s < 120 ? s + " seconds" : (s + 59) / 60 + " minutes";
  }

  private void login(HttpServletResponse resp, int status, String app, String action, @Nullable String requestToken,
      String csrfToken, @Nullable String error, String username) throws IOException {
    StringBuilder hidden = new StringBuilder(256);
    if (requestToken != null) {
      hidden.append("<input type=\"hidden\" name=\"oauth_token\" value=\"");
      PageTemplate.escapeTo(hidden, requestToken);
      hidden.append("\">\n");
    }
    hidden.append("<input type=\"hidden\" name=\"csrf_token\" value=\"");
    PageTemplate.escapeTo(hidden, csrfToken);
    hidden.append("\">");
    Map<String, String> values = new HashMap<>();
    values.put("application", app);
    values.put("action", action);
    values.put("hidden_html", hidden.toString());
    values.put("username", username);
    values.put("error_html", error == null ? "" : "<p class=\"error\" id=\"error\" role=\"alert\">" + PageTemplate.escape(error) + "</p>");
    page(resp, status, pages.login().render(values));
  }

  private static void page(HttpServletResponse resp, int status, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setHeader("X-Frame-Options", "DENY");
    resp.setHeader("Content-Security-Policy", CSP);
    resp.setHeader("X-Content-Type-Options", "nosniff");
    resp.setHeader("Referrer-Policy", "no-referrer");
    resp.setContentType("text/html; charset=UTF-8");
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  /** The decoded form body, single-valued; null after answering 400 for a broken or ambiguous one. */
  private @Nullable Map<String, String> form(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    if (!FormCodec.isForm(req.getContentType())) {
      message(resp, 400, "Bad form", "The form must be sent as application/x-www-form-urlencoded.");
      return null;
    }
    List<Param> params;
    try {
      params = FormCodec.decode(readBody(req));
    } catch (MalformedException | BodyTooLargeException e) {
      message(resp, 400, "Bad form", "The form could not be read.");
      return null;
    }
    Map<String, String> out = new HashMap<>();
    for (Param p : params) {
      if (out.putIfAbsent(p.name(), p.value()) != null) {
        message(resp, 400, "Bad form", "The form has a repeated field.");
        return null;
      }
    }
    return out;
  }

  private static byte[] readBody(HttpServletRequest req) throws IOException {
    if (req.getContentLengthLong() > MAX_FORM_BYTES) {
      throw new BodyTooLargeException(MAX_FORM_BYTES);
    }
    byte[] body = req.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
    if (body.length > MAX_FORM_BYTES) {
      throw new BodyTooLargeException(MAX_FORM_BYTES);
    }
    return body;
  }

  private String binding(HttpServletRequest req, HttpServletResponse resp) {
    String existing = cookie(req);
    if (existing != null) {
      return existing;
    }
    // none, or one this server did not mint (tossed, or from before a key change): a fresh one
    String value = csrf.newBinding();
    boolean https = ServletAuthRequest.secure(req); // the connection's TLS, not the request line's scheme
    Cookie c = new Cookie(https ? SECURE_COOKIE : COOKIE, value);
    c.setHttpOnly(true);
    c.setSecure(https);
    c.setPath(https ? "/" : cookiePath(req));
    c.setAttribute("SameSite", "Lax");
    resp.addCookie(c);
    return value;
  }

  /** The browser binding, only when it is one this server minted, under the name the connection calls for. */
  private @Nullable String cookie(HttpServletRequest req) {
    Cookie[] cookies = req.getCookies();
    if (cookies == null) {
      return null;
    }
    String name = ServletAuthRequest.secure(req) ? SECURE_COOKIE : COOKIE;
    for (Cookie c : cookies) {
      if (name.equals(c.getName()) && csrf.isMinted(c.getValue())) {
        return c.getValue();
      }
    }
    return null;
  }

  private static String cookiePath(HttpServletRequest req) {
    String p = req.getContextPath() + req.getServletPath();
    return p.isEmpty() ? "/" : p;
  }

  private static String actionOf(HttpServletRequest req) {
    // The form posts back to the page's own path; the query (the token) travels as a hidden input.
    return req.getRequestURI();
  }

  private static String appSubject(String appId) {
    return "authorize_app:" + appId;
  }
}
