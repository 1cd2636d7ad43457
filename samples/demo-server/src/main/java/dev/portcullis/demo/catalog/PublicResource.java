package dev.portcullis.demo.catalog;

import dev.portcullis.jaxrs.Public;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The catalog's public endpoints: what a shop's front end calls for its shoppers, with an API key
 * and no credentials, over HTTP or HTTPS.
 *
 * <p>A missing {@code key} gets 400; a key no index has gets 404 {@code unknown_key}. Results come
 * from the same in-memory index the private endpoints write, so an item added with
 * {@code POST /v2/items} is found by the next search.
 *
 * <p>Thread-safe (the catalog synchronizes itself).
 */
@Singleton
@Path("/")
@Public
@Produces(MediaType.APPLICATION_JSON)
public final class PublicResource {
  private static final int MAX_RESULTS = 20;
  private static final Set<String> PODS = Set.of("home_page_1", "cart_page_1");

  private final Catalog catalog;

  @Inject
  public PublicResource(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Items whose name or facet values contain the query, or a redirect when a rule matches. */
  @GET
  @Path("search/{query}")
  public Response search(@PathParam("query") String query, @QueryParam("key") @Nullable String key) {
    Optional<CatalogIndex> index = index(key);
    if (index.isEmpty()) {
      return missing(key);
    }
    Map<String, Object> response = new LinkedHashMap<>();
    index.get().redirectFor(query).ifPresent(rule ->
        response.put("redirect", obj("url", rule.url(), "rule_id", rule.id())));
    List<Item> hits = matching(index.get(), query);
    response.put("total_num_results", hits.size());
    response.put("results", results(hits));
    return Response.ok(obj("request", obj("term", query), "response", response)).build();
  }

  /** Search suggestions (words that start with the query) and matching products. */
  @GET
  @Path("autocomplete/{query}")
  public Response autocomplete(@PathParam("query") String query, @QueryParam("key") @Nullable String key) {
    Optional<CatalogIndex> index = index(key);
    if (index.isEmpty()) {
      return missing(key);
    }
    String q = query.trim().toLowerCase(Locale.ROOT);
    Set<String> words = new LinkedHashSet<>();
    List<Item> products = new ArrayList<>();
    for (Item item : index.get().items()) {
      boolean hit = false;
      for (String w : item.name().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
        if (!q.isEmpty() && w.startsWith(q)) {
          words.add(w);
          hit = true;
        }
      }
      if (hit && products.size() < 5) {
        products.add(item);
      }
    }
    List<Object> suggestions = new ArrayList<>();
    words.stream().limit(MAX_RESULTS).forEach(w -> suggestions.add(obj("value", w)));
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put("Search Suggestions", suggestions);
    sections.put("Products", results(products));
    return Response.ok(obj("request", obj("term", query), "sections", sections)).build();
  }

  /** Items whose facet {@code filter} holds {@code value} (case-insensitive). */
  @GET
  @Path("browse/{filter}/{value}")
  public Response browse(@PathParam("filter") String filter, @PathParam("value") String value,
      @QueryParam("key") @Nullable String key) {
    Optional<CatalogIndex> index = index(key);
    if (index.isEmpty()) {
      return missing(key);
    }
    List<Item> hits = new ArrayList<>();
    for (Item item : index.get().items()) {
      for (String v : item.facetValues(filter)) {
        if (v.equalsIgnoreCase(value)) {
          hits.add(item);
          break;
        }
      }
    }
    return Response.ok(obj(
        "request", obj("browse_filter_name", filter, "browse_filter_value", value),
        "response", obj("total_num_results", hits.size(), "results", results(hits)))).build();
  }

  /**
   * A recommendation pod: {@code home_page_1} (the dearest items) or {@code cart_page_1} (the
   * cheapest); any other pod id gets 404.
   */
  @GET
  @Path("recommendations/v1/pods/{podId}")
  public Response recommendations(@PathParam("podId") String podId, @QueryParam("key") @Nullable String key) {
    Optional<CatalogIndex> index = index(key);
    if (index.isEmpty()) {
      return missing(key);
    }
    if (!PODS.contains(podId)) {
      return ApiErrors.of(404, "unknown_pod", "No recommendation pod has this id; try home_page_1 or cart_page_1.");
    }
    Comparator<Item> byPrice = Comparator.comparing(i -> i.price() == null ? 0.0 : i.price());
    List<Item> items = new ArrayList<>(index.get().items());
    items.sort(podId.equals("home_page_1") ? byPrice.reversed() : byPrice);
    List<Item> top = items.subList(0, Math.min(3, items.size()));
    String display = podId.equals("home_page_1") ? "Our favourites" : "Add to your order";
    return Response.ok(obj(
        "response", obj("pod", obj("id", podId, "display_name", display),
            "total_num_results", top.size(), "results", results(top)))).build();
  }

  private Optional<CatalogIndex> index(@Nullable String key) {
    return key == null ? Optional.empty() : catalog.index(key);
  }

  private static Response missing(@Nullable String key) {
    return key == null || key.isEmpty()
        ? ApiErrors.badRequest("The key query parameter (the index's API key) is required.")
        : ApiErrors.unknownKey();
  }

  private static List<Item> matching(CatalogIndex index, String query) {
    String q = query.trim().toLowerCase(Locale.ROOT);
    List<Item> hits = new ArrayList<>();
    if (q.isEmpty()) {
      return hits;
    }
    for (Item item : index.items()) {
      boolean hit = item.name().toLowerCase(Locale.ROOT).contains(q);
      if (!hit && item.facets() != null) {
        for (List<String> values : item.facets().values()) {
          for (String v : values) {
            hit |= v.toLowerCase(Locale.ROOT).contains(q);
          }
        }
      }
      if (hit && hits.size() < MAX_RESULTS) {
        hits.add(item);
      }
    }
    return hits;
  }

  private static List<Object> results(List<Item> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Item item : items) {
      out.add(obj("value", item.name(), "data", item));
    }
    return out;
  }

  /** An ordered JSON object from alternating keys and values. */
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
