package dev.portcullis.demo.catalog;

import dev.portcullis.jaxrs.RequiresScope;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v2/items}: list with items(r), create, replace and delete with items(w), always on the
 * index named by {@code ?key=}. The authorization filter has already checked that the credentials
 * hold the permission for that key, so a request without a key never gets here (403).
 *
 * <p>Thread-safe (the catalog synchronizes itself).
 */
@Singleton
@Path("/v2/items")
@Produces(MediaType.APPLICATION_JSON)
public final class ItemsResource {
  private final Catalog catalog;

  @Inject
  public ItemsResource(Catalog catalog) {
    this.catalog = catalog;
  }

  @GET
  @RequiresScope(value = "items", op = "r")
  public Response list(@QueryParam("key") String key) {
    return catalog.index(key)
        .map(index -> {
          List<Item> items = index.items();
          return Response.ok(PublicResource.obj("items", items, "total_count", items.size())).build();
        })
        .orElseGet(ApiErrors::unknownKey);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresScope(value = "items", op = "w")
  public Response create(@QueryParam("key") String key, @Nullable Item body, @Context UriInfo uri) {
    CatalogIndex index = catalog.index(key).orElse(null);
    if (index == null) {
      return ApiErrors.unknownKey();
    }
    Item created = index.add(requireBody(body));
    return Response.created(uri.getAbsolutePathBuilder().path(created.id()).replaceQuery("key={key}").build(key))
        .entity(created).build();
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresScope(value = "items", op = "w")
  public Response replace(@QueryParam("key") String key, @PathParam("id") String id, @Nullable Item body) {
    CatalogIndex index = catalog.index(key).orElse(null);
    if (index == null) {
      return ApiErrors.unknownKey();
    }
    boolean created = index.put(id, requireBody(body));
    Item item = index.item(id).orElseThrow();
    return Response.status(created ? 201 : 200).entity(item).build();
  }

  @DELETE
  @Path("{id}")
  @RequiresScope(value = "items", op = "w")
  public Response delete(@QueryParam("key") String key, @PathParam("id") String id) {
    CatalogIndex index = catalog.index(key).orElse(null);
    if (index == null) {
      return ApiErrors.unknownKey();
    }
    return index.remove(id) ? Response.noContent().build() : ApiErrors.notFound("No item has this id.");
  }

  static <T> T requireBody(@Nullable T body) {
    if (body == null) {
      throw new IllegalArgumentException("A JSON body is required.");
    }
    return body;
  }
}
