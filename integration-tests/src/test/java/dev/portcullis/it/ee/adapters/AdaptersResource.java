package dev.portcullis.it.ee.adapters;

import dev.portcullis.jaxrs.Identities;
import dev.portcullis.jaxrs.Public;
import dev.portcullis.jaxrs.RequiresScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/** The same application in JAX-RS: items need {@code items(r)} on the {@code key}, minting is authenticated. */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class AdaptersResource {
  @GET
  @Path("items")
  @RequiresScope(value = "items", op = "r")
  public String items(@Context SecurityContext sc) {
    return "items for " + Identities.from(sc).account() + " secure=" + sc.isSecure();
  }

  @POST
  @Path("tokens")
  public Response mint() {
    return Response.status(201).entity("minted").build();
  }

  @GET
  @Path("public")
  @Public
  public String open(@Context SecurityContext sc) {
    return "public secure=" + sc.isSecure();
  }
}
