package dev.portcullis.it.ee.app;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** A JAX-RS resource guarded by {@code @RolesAllowed} on a scope group of the mechanism. */
@Path("/admin")
public class AdminResource {

  @GET
  @RolesAllowed("tokens(w)")
  @Produces(MediaType.TEXT_PLAIN)
  public String admin(@Context SecurityContext sc) {
    return "admin " + sc.getUserPrincipal().getName() + " account=" + sc.isUserInRole("account");
  }
}
