package dev.portcullis.demo.catalog;

import dev.portcullis.jaxrs.RequiresScope;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code /v1/redirect_rules}: list with redirects(r), add one with redirects(w), on the index named
 * by {@code ?key=}. Search honours the rules at once. Thread-safe.
 */
@Singleton
@Path("/v1/redirect_rules")
@Produces(MediaType.APPLICATION_JSON)
public final class RedirectRulesResource {
  private final Catalog catalog;

  @Inject
  public RedirectRulesResource(Catalog catalog) {
    this.catalog = catalog;
  }

  @GET
  @RequiresScope(value = "redirects", op = "r")
  public Response list(@QueryParam("key") String key) {
    return catalog.index(key)
        .map(index -> {
          List<RedirectRule> rules = index.redirectRules();
          return Response.ok(PublicResource.obj("redirect_rules", rules, "total_count", rules.size())).build();
        })
        .orElseGet(ApiErrors::unknownKey);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RequiresScope(value = "redirects", op = "w")
  public Response create(@QueryParam("key") String key, @Nullable RedirectRule body) {
    CatalogIndex index = catalog.index(key).orElse(null);
    if (index == null) {
      return ApiErrors.unknownKey();
    }
    return Response.status(201).entity(index.addRule(ItemsResource.requireBody(body))).build();
  }
}
