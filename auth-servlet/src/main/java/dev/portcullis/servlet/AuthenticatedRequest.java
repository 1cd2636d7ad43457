package dev.portcullis.servlet;

import dev.portcullis.core.Identity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * The request the application sees after authentication: the principal, auth type and roles come
 * from the {@link Identity}.
 *
 * <p>A body that a scheme already buffered is replayed by the {@link ReplayedBodyRequest} that
 * {@link AuthFilter} puts underneath this wrapper; everything else is the wrapped request's own.
 *
 * <p>Not thread-safe, like the request it wraps.
 */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
  private final Identity identity;
  // Made when the application first asks: many never do.
  private @Nullable Principal principal;

  AuthenticatedRequest(HttpServletRequest request, Identity identity) {
    super(request);
    this.identity = identity;
    request.setAttribute(AuthFilter.IDENTITY_ATTRIBUTE, identity);
  }

  @Override
  public Principal getUserPrincipal() {
    Principal p = principal;
    if (p == null) {
      p = new IdentityPrincipal(identity.subject());
      principal = p;
    }
    return p;
  }

  @Override
  public String getRemoteUser() {
    return identity.subject();
  }

  @Override
  public String getAuthType() {
    return authType(identity.scheme());
  }

  static String authType(String scheme) {
    if (scheme.equalsIgnoreCase("Basic")) {
      return HttpServletRequest.BASIC_AUTH;
    }
    if (scheme.equalsIgnoreCase("Digest")) {
      return HttpServletRequest.DIGEST_AUTH;
    }
    return scheme;
  }

  @Override
  public boolean isUserInRole(String role) {
    return role != null && identity.hasRole(role);
  }

  /** The principal handed to the application; its name is the identity's subject. */
  private record IdentityPrincipal(String getName) implements Principal {
    @Override
    public String toString() {
      return getName;
    }
  }
}
