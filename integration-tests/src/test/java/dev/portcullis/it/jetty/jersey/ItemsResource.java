package dev.portcullis.it.jetty.jersey;

import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.jaxrs.Public;
import dev.portcullis.jaxrs.RequiresScope;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** The catalog's resources, each saying what it needs. Answers are plain text for easy checks. */
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class ItemsResource {

  @GET
  @Path("v2/items")
  @RequiresScope(value = "items", op = "r")
  public String items(@QueryParam("key") String key, @Context SecurityContext sc) {
    return "items of " + key + " for " + who(sc);
  }

  @POST
  @Path("v2/items")
  @RequiresScope(value = "items", op = "w")
  public Response add(@QueryParam("key") String key, @Context SecurityContext sc) {
    return Response.status(201).entity("added to " + key + " by " + who(sc)).build();
  }

  @POST
  @Path("v1/tokens")
  @RequiresScope(value = "tokens", op = "w", query = "")
  public Response mint(@FormParam("key") String key, @Context SecurityContext sc) {
    String account = sc.getUserPrincipal().getName();
    String token = CatalogApp.TOKENS.admin().create(account, "reader",
        List.of(new Permission("items", Operation.READ, Set.of(key))), Duration.ofHours(1)).orElseThrow().secret();
    return Response.status(201).entity(token).build();
  }

  @GET
  @Path("search/{query}")
  @Public
  public String search(@PathParam("query") String query, @Context SecurityContext sc) {
    return "results for " + query + " for " + (sc.getUserPrincipal() == null ? "anonymous" : who(sc));
  }

  @GET
  @Path("v2/unannotated")
  public String unannotated() {
    return "should never be reached";
  }

  private static String who(SecurityContext sc) {
    return sc.getUserPrincipal().getName() + " via " + sc.getAuthenticationScheme()
        + " account=" + sc.isUserInRole("account") + " token=" + sc.isUserInRole("token");
  }
}
