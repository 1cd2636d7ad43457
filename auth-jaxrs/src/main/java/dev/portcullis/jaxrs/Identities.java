package dev.portcullis.jaxrs;

import dev.portcullis.core.Identity;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Gets the authenticated {@link Identity} inside a resource method or a later filter.
 *
 * <pre>{@code
 * @POST
 * @Path("/v1/tokens")
 * @RequiresScope(value = "tokens", op = "w", query = "")
 * public Response create(@Context SecurityContext sc, TokenRequest body) {
 *   String account = Identities.from(sc).account();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class Identities {
  /** The request property that holds the authenticated {@link Identity}. */
  public static final String PROPERTY = "dev.portcullis.identity";

  private Identities() {}

  /**
   * The identity behind a security context that {@link PortcullisFeature} installed.
   *
   * @throws IllegalStateException if the request was not authenticated by Portcullis (an
   *     {@link Public} method, or a method the feature does not cover)
   */
  public static Identity from(SecurityContext securityContext) {
    if (securityContext instanceof PortcullisSecurityContext p) {
      return p.identity();
    }
    // Jersey injects a request-scoped proxy, not our instance; the principal comes through intact.
    if (securityContext.getUserPrincipal() instanceof PortcullisSecurityContext.IdentityPrincipal p) {
      return p.identity();
    }
    throw new IllegalStateException("this request was not authenticated by Portcullis");
  }

  /** The identity stored on the request, if Portcullis authenticated it. */
  public static Optional<Identity> find(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof Identity i ? Optional.of(i) : Optional.empty();
  }
}
