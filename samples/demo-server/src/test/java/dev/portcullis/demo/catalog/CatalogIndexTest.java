package dev.portcullis.demo.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {

  @Test
  void addGeneratesIdsAndRefusesDuplicates() {
    CatalogIndex index = new CatalogIndex();
    Item a = index.add(new Item(null, "A", null, null, null));
    assertThat(a.id()).isEqualTo("item-1");
    index.add(new Item("x", "X", null, 1.0, Map.of("color", List.of("red"))));
    assertThatThrownBy(() -> index.add(new Item("x", "again", null, null, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
    assertThat(index.items()).extracting(Item::id).containsExactly("item-1", "x");
  }

  @Test
  void validationNamesTheFieldAndNeverEchoesTheValue() {
    CatalogIndex index = new CatalogIndex();
    assertThatThrownBy(() -> index.add(new Item("bad id!", "n", null, null, null)))
        .hasMessageStartingWith("id must be").hasMessageNotContaining("bad id!");
    assertThatThrownBy(() -> index.add(new Item(null, "line\nbreak", null, null, null)))
        .hasMessageContaining("control characters");
    assertThatThrownBy(() -> index.add(new Item(null, "n", null, Double.NaN, null))).hasMessageContaining("price");
    assertThatThrownBy(() -> index.putFacet("size", new Facet(null, "Size", "weird"))).hasMessageContaining("type");
    assertThatThrownBy(() -> index.addRule(new RedirectRule(null, "javascript:alert(1)",
        List.of(new RedirectRule.Match("x", null))))).hasMessageContaining("url");
    assertThatThrownBy(() -> index.addRule(new RedirectRule(7L, "/x", List.of(new RedirectRule.Match("x", null)))))
        .hasMessageContaining("id is assigned");
    assertThat(index.items()).isEmpty();
    assertThat(index.redirectRules()).isEmpty();
  }

  @Test
  void putCreatesThenReplacesAndChecksThePathId() {
    CatalogIndex index = new CatalogIndex();
    assertThat(index.put("p1", new Item(null, "one", null, null, null))).isTrue();
    assertThat(index.put("p1", new Item("p1", "uno", null, null, null))).isFalse();
    assertThat(index.item("p1")).get().extracting(Item::name).isEqualTo("uno");
    assertThatThrownBy(() -> index.put("p1", new Item("p2", "x", null, null, null)))
        .hasMessageContaining("differs");
  }

  @Test
  void redirectRulesMatchExactlyOrByPhrase() {
    CatalogIndex index = new CatalogIndex();
    index.addRule(new RedirectRule(null, "/sale", List.of(new RedirectRule.Match("Sale", "EXACT"))));
    index.addRule(new RedirectRule(null, "/boots", List.of(new RedirectRule.Match("boot", "PHRASE"))));
    assertThat(index.redirectFor(" sale ")).get().extracting(RedirectRule::url).isEqualTo("/sale");
    assertThat(index.redirectFor("sale today")).isEmpty();
    assertThat(index.redirectFor("winter boots")).get().extracting(RedirectRule::url).isEqualTo("/boots");
  }

  @Test
  void indexIsCapped() {
    CatalogIndex index = new CatalogIndex();
    for (int i = 0; i < CatalogIndex.MAX_ITEMS; i++) {
      index.add(new Item(null, "n" + i, null, null, null));
    }
    assertThatThrownBy(() -> index.add(new Item(null, "one more", null, null, null)))
        .isInstanceOf(IndexFullException.class);
    assertThat(index.put("item-1", new Item(null, "replacing is fine", null, null, null))).isFalse();
  }
}
