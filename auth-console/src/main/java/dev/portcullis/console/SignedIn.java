package dev.portcullis.console;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Tells the console who is signed in when the application runs its own login in front of it (a
 * container login, an SSO filter): the console then shows no login page of its own and trusts this
 * answer completely, so it must come from the application's authentication, never from a
 * request parameter.
 *
 * <pre>{@code
 * ConsoleServlet.builder()
 *     .signedIn(SignedIn.fromPrincipal(user -> new ConsoleUser(user, accountOf(user))))
 *     ...
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface SignedIn {

  /** The signed-in user of this request, or null when nobody is (the console then answers 401). */
  @Nullable ConsoleUser of(HttpServletRequest request);

  /**
   * Reads {@link HttpServletRequest#getUserPrincipal()} and maps its name to a console user.
   *
   * @param mapping from the principal's name to the console user, or null to refuse that principal
   */
  static SignedIn fromPrincipal(Function<String, @Nullable ConsoleUser> mapping) {
    Objects.requireNonNull(mapping, "mapping");
    return request -> {
      Principal p = request.getUserPrincipal();
      return p == null ? null : mapping.apply(p.getName());
    };
  }
}
