package dev.portcullis.jaxrs;

import dev.portcullis.core.Identity;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Resources shaped like the demo catalog API (shared/spec/demo-api.md, API 3). */
final class CatalogResources {
  /** How many times a resource method read a request body. */
  static final AtomicInteger BODY_READS = new AtomicInteger();

  private CatalogResources() {}

  static Map<String, Object> who(SecurityContext sc, String key) {
    Map<String, Object> m = new LinkedHashMap<>();
    Identity identity = Identities.from(sc);
    m.put("key", key);
    m.put("subject", sc.getUserPrincipal().getName());
    m.put("account", identity.account());
    m.put("scheme", sc.getAuthenticationScheme());
    m.put("secure", sc.isSecure());
    m.put("accountRole", sc.isUserInRole("account"));
    return m;
  }

  @Path("/v2/items")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class Items {
    @GET
    @RequiresScope(value = "items", op = "r")
    public Map<String, Object> list(@QueryParam("key") String key, @Context SecurityContext sc) {
      return who(sc, key);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RequiresScope(value = "items", op = "w")
    public Response create(@QueryParam("key") String key, InputStream body) throws IOException {
      BODY_READS.incrementAndGet();
      int n = body.readAllBytes().length;
      return Response.status(201).entity(Map.of("key", key, "bytes", n)).build();
    }
  }

  /** Class-level read permission; a method-level annotation overrides it. */
  @Path("/v1/facets")
  @Produces(MediaType.APPLICATION_JSON)
  @RequiresScope(value = "facets", op = "r")
  public static final class Facets {
    @GET
    public Map<String, Object> list(@QueryParam("key") String key, @Context SecurityContext sc) {
      return who(sc, key);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    @RequiresScope(value = "facets", op = "w")
    public Map<String, Object> put(@PathParam("name") String name, @QueryParam("key") String key,
        InputStream body) throws IOException {
      BODY_READS.incrementAndGet();
      return Map.of("name", name, "key", key, "bytes", body.readAllBytes().length);
    }

    @GET
    @Path("count")
    @Public
    public Map<String, Object> count() {
      return Map.of("facets", 3);
    }
  }

  /** Resource id from a path parameter. */
  @Path("/v1/indexes/{index}/stats")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class IndexStats {
    @GET
    @RequiresScope(value = "items", op = "r", pathParam = "index")
    public Map<String, Object> stats(@PathParam("index") String index, @Context SecurityContext sc) {
      return who(sc, index);
    }
  }

  /** Resource id from a header. */
  @Path("/v1/redirect_rules")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class RedirectRules {
    @GET
    @RequiresScope(value = "redirects", op = "r", header = "X-Api-Key")
    public Map<String, Object> list(@HeaderParam("X-Api-Key") String key, @Context SecurityContext sc) {
      return who(sc, key);
    }
  }

  /** Token management: the request names no resource. */
  @Path("/v1/tokens")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class Tokens {
    @GET
    @RequiresScope(value = "tokens", op = "r", query = "")
    public Map<String, Object> list(@Context SecurityContext sc) {
      return Map.of("account", Identities.from(sc).account());
    }
  }

  /** Open endpoints. */
  @Path("/")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class Open {
    @GET
    @Path("search/{query}")
    @Public
    public Map<String, Object> search(@PathParam("query") String query, @QueryParam("key") String key) {
      return Map.of("query", query, "hits", 0);
    }

    @GET
    @Path("autocomplete/{query}")
    @PermitAll
    public Map<String, Object> autocomplete(@PathParam("query") String query) {
      return Map.of("query", query);
    }
  }

  /** No access annotation at all, and one closed method. */
  @Path("/misc")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class Misc {
    @GET
    @Path("whoami")
    public Map<String, Object> whoami(@Context SecurityContext sc) {
      return who(sc, null);
    }

    @GET
    @Path("closed")
    @DenyAll
    public Map<String, Object> closed() {
      return Map.of("reached", true);
    }
  }
}
