package dev.portcullis.demo.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every API key's {@link CatalogIndex}, seeded with the demo data. The set of API keys is fixed at
 * start-up; the indexes' contents change through the private endpoints.
 *
 * <p>Thread-safe: the map is immutable and each index synchronizes itself.
 */
final class Catalog {
  private final Map<String, CatalogIndex> indexes;

  private Catalog(Map<String, CatalogIndex> indexes) {
    this.indexes = Map.copyOf(indexes);
  }

  /** The index of {@code apiKey}, if that key exists. */
  Optional<CatalogIndex> index(String apiKey) {
    return Optional.ofNullable(indexes.get(apiKey));
  }

  /** The demo data: two indexes of account {@code demo}, one of account {@code other}. */
  static Catalog demo() {
    CatalogIndex index = new CatalogIndex();
    index.add(item("shoe-1", "Trail running shoe", 89.5, "shoes", "red"));
    index.add(item("shoe-2", "Road running shoe", 99.0, "shoes", "blue"));
    index.add(item("shoe-3", "Red canvas sneaker", 49.9, "shoes", "red"));
    index.add(item("shirt-1", "Running shirt", 29.0, "shirts", "blue"));
    index.add(item("shirt-2", "Red linen shirt", 39.0, "shirts", "red"));
    index.add(item("sock-1", "Running socks, 3 pairs", 12.0, "socks", "white"));
    index.putFacet("color", new Facet(null, "Color", "multiple"));
    index.putFacet("group_id", new Facet(null, "Category", "single"));
    index.addRule(new RedirectRule(null, "/sale", List.of(new RedirectRule.Match("sale", "EXACT"))));

    CatalogIndex staging = new CatalogIndex();
    staging.add(item("shoe-9", "Prototype shoe", 120.0, "shoes", "green"));
    staging.putFacet("color", new Facet(null, "Colour", "multiple"));

    CatalogIndex other = new CatalogIndex();
    other.add(item("lamp-1", "Desk lamp", 35.0, "lamps", "black"));
    other.add(item("lamp-2", "Floor lamp", 80.0, "lamps", "white"));
    other.putFacet("color", new Facet(null, "Color", "multiple"));

    return new Catalog(Map.of(
        DemoAccounts.DEMO_INDEX, index,
        DemoAccounts.DEMO_STAGING, staging,
        DemoAccounts.OTHER_INDEX, other));
  }

  private static Item item(String id, String name, double price, String group, String color) {
    return new Item(id, name, "/p/" + id, price,
        Map.of("group_id", List.of(group), "color", List.of(color)));
  }
}
