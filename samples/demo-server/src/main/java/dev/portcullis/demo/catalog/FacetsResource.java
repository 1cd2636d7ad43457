package dev.portcullis.demo.catalog;

import dev.portcullis.jaxrs.RequiresScope;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v1/facets}: list with facets(r), create or replace one with facets(w), on the index named
 * by {@code ?key=}. Thread-safe.
 */
@Singleton
@Path("/v1/facets")
@Produces(MediaType.APPLICATION_JSON)
public final class FacetsResource {
  private final Catalog catalog;

  @Inject
  public FacetsResource(Catalog catalog) {
    this.catalog = catalog;
  }

  @GET
  @RequiresScope(value = "facets", op = "r")
  public Response list(@QueryParam("key") String key) {
    return catalog.index(key)
        .map(index -> {
          List<Facet> facets = index.facets();
          return Response.ok(PublicResource.obj("facets", facets, "total_count", facets.size())).build();
        })
        .orElseGet(ApiErrors::unknownKey);
  }

  @PUT
  @Path("{name}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresScope(value = "facets", op = "w")
  public Response put(@QueryParam("key") String key, @PathParam("name") String name, @Nullable Facet body) {
    CatalogIndex index = catalog.index(key).orElse(null);
    if (index == null) {
      return ApiErrors.unknownKey();
    }
    boolean created = index.putFacet(name, ItemsResource.requireBody(body));
    Facet saved = index.facets().stream().filter(f -> name.equals(f.name())).findFirst().orElseThrow();
    return Response.status(created ? 201 : 200).entity(saved).build();
  }
}
