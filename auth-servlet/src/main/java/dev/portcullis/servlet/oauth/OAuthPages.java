package dev.portcullis.servlet.oauth;

import java.util.Objects;
import java.util.Set;

/**
 * The four pages the endpoints show, each a {@link PageTemplate}; replace any of them with your own
 * branding as long as it keeps the required placeholders.
 *
 * <ul>
 *   <li>{@code login}: {@code ${application}}, {@code ${action}}, {@code ${hidden_html}} (the
 *       request token and CSRF inputs), {@code ${error_html}}, {@code ${username}}; the form posts
 *       {@code username}, {@code password} and {@code decision=approve|deny}</li>
 *   <li>{@code verifier} (oob approval): {@code ${application}}, {@code ${verifier}}</li>
 *   <li>{@code code} (public-app approval): {@code ${application}}, {@code ${code}}</li>
 *   <li>{@code message} (denied, expired, errors): {@code ${title}}, {@code ${message}}</li>
 * </ul>
 *
 * <pre>{@code
 * OAuthPages pages = OAuthPages.defaults()
 *     .withLogin(PageTemplate.resource("/branding/login.html", OAuthPages.LOGIN_REQUIRED));
 * }</pre>
 *
 * @param login the login and consent form
 * @param verifier the page that shows an out-of-band verifier
 * @param code the page that shows a public app's authorization code
 * @param message a page with a title and one message
 */
public record OAuthPages(PageTemplate login, PageTemplate verifier, PageTemplate code, PageTemplate message) {
  /** Placeholders a login template must have. */
  public static final Set<String> LOGIN_REQUIRED = Set.of("action", "hidden_html", "error_html");
  /** Placeholders a verifier template must have. */
  public static final Set<String> VERIFIER_REQUIRED = Set.of("verifier");
  /** Placeholders a code template must have. */
  public static final Set<String> CODE_REQUIRED = Set.of("code");
  /** Placeholders a message template must have. */
  public static final Set<String> MESSAGE_REQUIRED = Set.of("message");

  private static final String BASE = "/dev/portcullis/servlet/oauth/";

  public OAuthPages {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** The plain pages shipped in this jar. */
  public static OAuthPages defaults() {
    return new OAuthPages(
        PageTemplate.resource(BASE + "login.html", LOGIN_REQUIRED),
        PageTemplate.resource(BASE + "verifier.html", VERIFIER_REQUIRED),
        PageTemplate.resource(BASE + "code.html", CODE_REQUIRED),
        PageTemplate.resource(BASE + "message.html", MESSAGE_REQUIRED));
  }

  public OAuthPages withLogin(PageTemplate t) {
    return new OAuthPages(t, verifier, code, message);
  }

  public OAuthPages withVerifier(PageTemplate t) {
    return new OAuthPages(login, t, code, message);
  }

  public OAuthPages withCode(PageTemplate t) {
    return new OAuthPages(login, verifier, t, message);
  }

  public OAuthPages withMessage(PageTemplate t) {
    return new OAuthPages(login, verifier, code, t);
  }
}
