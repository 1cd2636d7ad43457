package dev.portcullis.jaxrs;

import dev.portcullis.core.Identity;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;

/**
 * The {@link SecurityContext} that {@link PortcullisFeature} installs once a request is
 * authenticated: the principal is the identity's subject, roles are the identity's roles.
 *
 * <pre>{@code
 * @GET
 * public Response me(@Context SecurityContext sc) {
 *   Identity who = Identities.from(sc);
 *   return Response.ok(who.subject()).build();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PortcullisSecurityContext implements SecurityContext {
  private final Identity identity;
  private final boolean secure;
  private final Principal principal;

  /**
   * Wraps an identity.
   *
   * @param identity who the request was authenticated as
   * @param secure whether the client used HTTPS, after trusted-proxy resolution
   */
  public PortcullisSecurityContext(Identity identity, boolean secure) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.secure = secure;
    this.principal = new IdentityPrincipal(identity);
  }

  /** Who the request was authenticated as, with the grants and attributes the scheme found. */
  public Identity identity() {
    return identity;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public boolean isUserInRole(String role) {
    return identity.hasRole(role);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  /**
   * {@link SecurityContext#BASIC_AUTH} for Basic, {@link SecurityContext#DIGEST_AUTH} for Digest,
   * otherwise the scheme's own name ({@code Bearer}, {@code OAuth}).
   */
  @Override
  public String getAuthenticationScheme() {
    String scheme = identity.scheme();
    if (scheme.equalsIgnoreCase("Basic")) {
      return BASIC_AUTH;
    }
    if (scheme.equalsIgnoreCase("Digest")) {
      return DIGEST_AUTH;
    }
    return scheme;
  }

  @Override
  public String toString() {
    return "PortcullisSecurityContext[" + identity.subject() + " via " + identity.scheme() + "]";
  }

  /**
   * The principal of a Portcullis-authenticated request: its name is the subject, and it carries
   * the whole {@link Identity}. Holding the identity here, rather than only in the context, lets
   * {@link Identities#from(SecurityContext)} work through the proxies JAX-RS runtimes inject.
   */
  public static final class IdentityPrincipal implements Principal {
    private final Identity identity;

    IdentityPrincipal(Identity identity) {
      this.identity = identity;
    }

    /** The identity this principal stands for. */
    public Identity identity() {
      return identity;
    }

    @Override
    public String getName() {
      return identity.subject();
    }

    @Override
    public String toString() {
      return identity.subject();
    }
  }
}
