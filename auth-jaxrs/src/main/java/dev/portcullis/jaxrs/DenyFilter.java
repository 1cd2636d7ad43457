package dev.portcullis.jaxrs;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Refuses every request to a method nobody may call ({@code @DenyAll}, or an unannotated method
 * when the feature denies those) with 403, before credentials are even read. Thread-safe.
 */
final class DenyFilter implements ContainerRequestFilter {
  private final String message;
  private final int swallowLimit;

  DenyFilter(String message, int swallowLimit) {
    this.message = message;
    this.swallowLimit = swallowLimit;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Denials.abort(request, Denials.json(403, "access_denied", message), swallowLimit);
  }
}
