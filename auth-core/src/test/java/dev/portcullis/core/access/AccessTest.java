package dev.portcullis.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessTest {

  @ParameterizedTest
  @CsvSource({
      "READ, READ, true", "READ, WRITE, false", "READ, READ_WRITE, false",
      "WRITE, WRITE, true", "WRITE, READ, false", "WRITE, READ_WRITE, false",
      "READ_WRITE, READ, true", "READ_WRITE, WRITE, true", "READ_WRITE, READ_WRITE, true"})
  void readWriteImpliesBothAndNothingElseImpliesMore(Operation held, Operation needed, boolean implied) {
    assertThat(held.implies(needed)).isEqualTo(implied);
  }

  @Test
  void operationCodesRoundTrip() {
    for (Operation op : Operation.values()) {
      assertThat(Operation.fromCode(op.code())).isSameAs(op);
    }
    assertThat(Operation.READ.code()).isEqualTo("r");
    assertThat(Operation.WRITE.code()).isEqualTo("w");
    assertThat(Operation.READ_WRITE.code()).isEqualTo("rw");
  }

  @ParameterizedTest
  @ValueSource(strings = {"R", "wr", "read", "", " r", "rw "})
  void operationCodesAreExact(String code) {
    assertThatThrownBy(() -> Operation.fromCode(code)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void permissionCoversItsScopeOperationAndResources() {
    Permission p = new Permission("items", Operation.READ, Set.of("key_a", "key_b"));
    assertThat(p.allows("items", Operation.READ, "key_a")).isTrue();
    assertThat(p.allows("items", Operation.READ, "key_b")).isTrue();
    assertThat(p.allows("items", Operation.READ, "key_c")).isFalse();
    assertThat(p.allows("items", Operation.WRITE, "key_a")).isFalse();
    assertThat(p.allows("facets", Operation.READ, "key_a")).isFalse();
    assertThat(p.allows("Items", Operation.READ, "key_a")).isFalse();
  }

  @Test
  void aRequestThatNamesNoResourceNeedsTheResourceWildcard() {
    assertThat(new Permission("items", Operation.READ, Set.of("key_a")).allows("items", Operation.READ, null))
        .isFalse();
    assertThat(new Permission("tokens", Operation.READ_WRITE, Set.of(Permission.ANY))
        .allows("tokens", Operation.WRITE, null)).isTrue();
  }

  @Test
  void wildcardScopeAndResource() {
    Permission any = new Permission(Permission.ANY, Operation.READ_WRITE, Set.of("key_a"));
    assertThat(any.allows("items", Operation.WRITE, "key_a")).isTrue();
    assertThat(any.allows("facets", Operation.READ, "key_a")).isTrue();
    assertThat(any.allows("facets", Operation.READ, "key_b")).isFalse();
    Permission everything = new Permission("items", Operation.READ, Set.of(Permission.ANY));
    assertThat(everything.allows("items", Operation.READ, "whatever")).isTrue();
    assertThat(everything.allows("items", Operation.WRITE, "whatever")).isFalse();
  }

  @Test
  void permissionCopiesItsResources() {
    Set<String> keys = new HashSet<>(Set.of("key_a"));
    Permission p = new Permission("items", Operation.READ, keys);
    keys.add("key_b");
    assertThat(p.allows("items", Operation.READ, "key_b")).isFalse();
    assertThatThrownBy(() -> p.resources().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void permissionRequiresScopeAndOperation() {
    assertThatThrownBy(() -> new Permission(null, Operation.READ, Set.of())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Permission("items", null, Set.of())).isInstanceOf(NullPointerException.class);
  }

  @Test
  void grantsAreTheUnionOfTheirPermissions() {
    Grants g = Grants.of(
        new Permission("items", Operation.READ, Set.of("key_a")),
        new Permission("items", Operation.WRITE, Set.of("key_b")),
        new Permission("facets", Operation.READ_WRITE, Set.of("key_a")));
    assertThat(g.allows("items", Operation.READ, "key_a")).isTrue();
    assertThat(g.allows("items", Operation.WRITE, "key_a")).isFalse();
    assertThat(g.allows("items", Operation.WRITE, "key_b")).isTrue();
    assertThat(g.allows("items", Operation.READ, "key_b")).isFalse();
    assertThat(g.allows("facets", Operation.WRITE, "key_a")).isTrue();
    assertThat(g.allows(new Requirement("facets", Operation.READ, "key_a"))).isTrue();
    assertThat(g.allows(new Requirement("redirects", Operation.READ, "key_a"))).isFalse();
    assertThat(g.allows(new Requirement("items", Operation.READ, null))).isFalse();
  }

  @Test
  void noGrantsAllowNothing() {
    assertThat(Grants.none().allows("items", Operation.READ, "key_a")).isFalse();
    assertThat(Grants.of(List.of())).isSameAs(Grants.none());
    assertThat(Grants.none().permissions()).isEmpty();
  }

  @Test
  void grantsKeepOrderAndAreImmutable() {
    Permission a = new Permission("a", Operation.READ, Set.of("k"));
    Permission b = new Permission("b", Operation.READ, Set.of("k"));
    Grants g = Grants.of(List.of(a, b));
    assertThat(g.permissions()).containsExactly(a, b);
    assertThatThrownBy(() -> g.permissions().add(a)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void requirementLabelIsTheApiReferenceForm() {
    assertThat(new Requirement("items", Operation.READ, "key_a").scopeLabel()).isEqualTo("items(r)");
    assertThat(new Requirement("facets", Operation.READ_WRITE, null).scopeLabel()).isEqualTo("facets(rw)");
    assertThat(new Requirement("items", Operation.WRITE, "k")).hasToString("items(w) on k");
    assertThat(new Requirement("items", Operation.WRITE, null)).hasToString("items(w)");
  }
}
