package dev.portcullis.jaxrs;

import dev.portcullis.core.http.AdapterOptions;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Refuses, with 400, a request to a {@link Public} method whose request URI contradicts its
 * connection ({@link dev.portcullis.core.http.RequestOrigin}; the {@code Host} checks are the
 * container's there, as no scheme reads the host): no
 * credentials are needed there, but a resource reading {@code UriInfo} or
 * {@code SecurityContext.isSecure()} must not be told "https" by a plain-HTTP client either, and
 * every adapter answers such a request the same way on every path. Thread-safe.
 */
final class TargetFilter implements ContainerRequestFilter {
  private final AdapterOptions options;
  private final RemoteAddressResolver addresses;

  TargetFilter(AdapterOptions options, RemoteAddressResolver addresses) {
    this.options = options;
    this.addresses = addresses;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    JaxrsAuthRequest view = new JaxrsAuthRequest(request, options, addresses);
    if (view.conflict() != null) {
      Denials.abort(request, Denials.response(view.conflictDenial()), options.swallowLimit());
    }
  }
}
