package dev.portcullis.demo.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The catalog behind one API key: items, facets and redirect rules, held in memory.
 *
 * <p>Every write is validated here, so a bad value never reaches the store; validation failures
 * throw {@link IllegalArgumentException} with a message that is safe to show the client (it names
 * the field, never echoes the value). The sizes are capped so that a public demo cannot be filled
 * without bound.
 *
 * <p>Thread-safe: every method synchronizes on the index.
 */
final class CatalogIndex {
  static final int MAX_ITEMS = 1_000;
  static final int MAX_FACETS = 100;
  static final int MAX_RULES = 100;
  private static final Set<String> FACET_TYPES = Set.of("multiple", "single", "range");
  private static final Set<String> MATCH_TYPES = Set.of("EXACT", "PHRASE", "UNANCHORED");

  private final Map<String, Item> items = new LinkedHashMap<>();
  private final Map<String, Facet> facets = new LinkedHashMap<>();
  private final Map<Long, RedirectRule> rules = new LinkedHashMap<>();
  private long nextItem = 1;
  private long nextRule = 1;

  synchronized List<Item> items() {
    return List.copyOf(items.values());
  }

  synchronized Optional<Item> item(String id) {
    return Optional.ofNullable(items.get(id));
  }

  /**
   * Adds an item; the id is generated when the body has none.
   *
   * @throws IllegalArgumentException if the item is invalid or its id is taken
   * @throws IndexFullException if the index is full
   */
  synchronized Item add(Item input) {
    String id = input.id();
    if (id == null) {
      do {
        id = "item-" + nextItem++;
      } while (items.containsKey(id));
    } else {
      checkId(id, "id");
      if (items.containsKey(id)) {
        throw new IllegalArgumentException("an item with this id already exists; use PUT to replace it");
      }
    }
    if (items.size() >= MAX_ITEMS) {
      throw new IndexFullException("the index holds the maximum of " + MAX_ITEMS + " items");
    }
    Item item = validated(id, input);
    items.put(id, item);
    return item;
  }

  /**
   * Creates or replaces the item {@code id}.
   *
   * @return true when it was created, false when replaced
   * @throws IllegalArgumentException if the item is invalid or its id differs from {@code id}
   * @throws IndexFullException if the index is full
   */
  synchronized boolean put(String id, Item input) {
    checkId(id, "id");
    if (input.id() != null && !input.id().equals(id)) {
      throw new IllegalArgumentException("the body's id differs from the id in the path");
    }
    boolean created = !items.containsKey(id);
    if (created && items.size() >= MAX_ITEMS) {
      throw new IndexFullException("the index holds the maximum of " + MAX_ITEMS + " items");
    }
    items.put(id, validated(id, input));
    return created;
  }

  synchronized boolean remove(String id) {
    return items.remove(id) != null;
  }

  synchronized List<Facet> facets() {
    return List.copyOf(facets.values());
  }

  /**
   * Creates or replaces the facet {@code name}.
   *
   * @return true when it was created
   * @throws IllegalArgumentException if the facet is invalid
   * @throws IndexFullException if the index holds the maximum number of facets
   */
  synchronized boolean putFacet(String name, Facet input) {
    checkId(name, "name");
    if (input.name() != null && !input.name().equals(name)) {
      throw new IllegalArgumentException("the body's name differs from the name in the path");
    }
    String display = requireText(input.displayName(), "display_name", 100);
    String type = input.type() == null ? "multiple" : input.type();
    if (!FACET_TYPES.contains(type)) {
      throw new IllegalArgumentException("type must be multiple, single or range");
    }
    boolean created = !facets.containsKey(name);
    if (created && facets.size() >= MAX_FACETS) {
      throw new IndexFullException("the index holds the maximum of " + MAX_FACETS + " facets");
    }
    facets.put(name, new Facet(name, display, type));
    return created;
  }

  synchronized List<RedirectRule> redirectRules() {
    return List.copyOf(rules.values());
  }

  /**
   * Adds a redirect rule and assigns its id.
   *
   * @throws IllegalArgumentException if the rule is invalid or carries an id
   * @throws IndexFullException if the index holds the maximum number of rules
   */
  synchronized RedirectRule addRule(RedirectRule input) {
    if (input.id() != null) {
      throw new IllegalArgumentException("id is assigned by the server; leave it out");
    }
    String url = requireText(input.url(), "url", 2000);
    String lower = url.toLowerCase(Locale.ROOT);
    if (!(url.startsWith("/") || lower.startsWith("https://") || lower.startsWith("http://"))) {
      throw new IllegalArgumentException("url must be a path starting with / or an http(s) URL");
    }
    if (input.matches() == null || input.matches().isEmpty() || input.matches().size() > 20) {
      throw new IllegalArgumentException("matches must hold 1 to 20 patterns");
    }
    List<RedirectRule.Match> matches = new ArrayList<>();
    for (RedirectRule.Match m : input.matches()) {
      if (m == null) {
        throw new IllegalArgumentException("matches must not contain null");
      }
      String pattern = requireText(m.pattern(), "pattern", 100);
      String type = m.matchType() == null ? "EXACT" : m.matchType();
      if (!MATCH_TYPES.contains(type)) {
        throw new IllegalArgumentException("match_type must be EXACT, PHRASE or UNANCHORED");
      }
      matches.add(new RedirectRule.Match(pattern, type));
    }
    if (rules.size() >= MAX_RULES) {
      throw new IndexFullException("the index holds the maximum of " + MAX_RULES + " redirect rules");
    }
    RedirectRule rule = new RedirectRule(nextRule++, url, List.copyOf(matches));
    rules.put(rule.id(), rule);
    return rule;
  }

  /** The first rule whose pattern matches {@code query}, for search. */
  synchronized Optional<RedirectRule> redirectFor(String query) {
    String q = query.trim().toLowerCase(Locale.ROOT);
    for (RedirectRule r : rules.values()) {
      for (RedirectRule.Match m : r.matches()) {
        String p = m.pattern().toLowerCase(Locale.ROOT);
        boolean hit = switch (m.matchType()) {
          case "EXACT" -> q.equals(p);
          default -> q.contains(p);
        };
        if (hit) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  private static Item validated(String id, Item in) {
    String name = requireText(in.name(), "name", 200);
    if (in.url() != null && (in.url().isBlank() || in.url().length() > 2000)) {
      throw new IllegalArgumentException("url must be 1 to 2000 characters");
    }
    if (in.price() != null && (in.price().isNaN() || in.price() < 0 || in.price().isInfinite())) {
      throw new IllegalArgumentException("price must be a non-negative number");
    }
    Map<String, List<String>> facets = null;
    if (in.facets() != null) {
      if (in.facets().size() > 20) {
        throw new IllegalArgumentException("facets may name at most 20 facets");
      }
      facets = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : in.facets().entrySet()) {
        checkId(e.getKey(), "facet name");
        if (e.getValue() == null || e.getValue().size() > 20) {
          throw new IllegalArgumentException("each facet holds a list of at most 20 values");
        }
        for (String v : e.getValue()) {
          requireText(v, "facet value", 100);
        }
        facets.put(e.getKey(), List.copyOf(e.getValue()));
      }
      facets = java.util.Collections.unmodifiableMap(facets);
    }
    return new Item(id, name, in.url(), in.price(), facets);
  }

  private static String requireText(@Nullable String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(field + " must be at most " + max + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new IllegalArgumentException(field + " must not contain control characters");
      }
    }
    return value;
  }

  static void checkId(@Nullable String id, String field) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      throw new IllegalArgumentException(field + " must be 1 to 64 characters of A-Z a-z 0-9 _ -");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        throw new IllegalArgumentException(field + " must be 1 to 64 characters of A-Z a-z 0-9 _ -");
      }
    }
  }
}
