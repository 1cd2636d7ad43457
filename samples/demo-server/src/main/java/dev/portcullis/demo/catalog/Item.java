package dev.portcullis.demo.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One catalog item, as {@code /v2/items} reads and writes it and the public endpoints show it.
 *
 * <p>{@code {"id": "shoe-1", "name": "Trail runner", "url": "/p/shoe-1", "price": 89.5,
 * "facets": {"color": ["red"]}}}. On {@code POST} the id may be left out (the server picks one); on
 * {@code PUT} it may be left out or must equal the path's.
 *
 * @param id the item id: 1 to 64 characters of {@code A-Z a-z 0-9 _ -}
 * @param name the display name, 1 to 200 characters
 * @param url the product page, optional
 * @param price a non-negative price, optional
 * @param facets facet name to values, optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Item(
    @Nullable String id,
    @Nullable String name,
    @Nullable String url,
    @Nullable Double price,
    @Nullable Map<String, List<String>> facets) {

  /** The values of facet {@code name}, or none. */
  List<String> facetValues(String facet) {
    if (facets == null) {
      return List.of();
    }
    List<String> v = facets.get(facet);
    return v == null ? List.of() : v;
  }
}
