package dev.portcullis.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.http.MalformedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class AccessDecisionTest {
  private static final AccessRequirement RW_QUERY =
      new AccessRequirement("items", Operation.READ_WRITE, ResourceSource.query("key"));
  private static final AccessRequirement R_HEADER =
      new AccessRequirement("items", Operation.READ, ResourceSource.header("X-Key"));
  private static final AccessRequirement W_PATH =
      new AccessRequirement("items", Operation.WRITE, ResourceSource.path("id"));

  /** Request values from literal maps. */
  private record Values(Map<String, List<String>> path, @Nullable String rawQuery,
      Map<String, List<String>> headers) implements RequestValues {
    static Values query(String raw) {
      return new Values(Map.of(), raw, Map.of());
    }

    static Values header(String... values) {
      return new Values(Map.of(), null, Map.of("X-Key", List.of(values)));
    }

    static Values path(String... values) {
      return new Values(Map.of("id", List.of(values)), null, Map.of());
    }

    @Override
    public List<String> pathVariable(String name) {
      return path.getOrDefault(name, List.of());
    }

    @Override
    public List<String> headers(String name) {
      return headers.getOrDefault(name, List.of());
    }
  }

  private static Permission perm(Operation op, String... resources) {
    return new Permission("items", op, Set.of(resources));
  }

  @Test
  void readAndWriteFromTwoPermissionsComposeToReadWrite() {
    Grants g = Grants.of(perm(Operation.READ, "k1"), perm(Operation.WRITE, "k1"));
    assertThat(AccessDecision.decide(g, RW_QUERY, Values.query("key=k1")))
        .isEqualTo(new AccessDecision.Allowed(new Requirement("items", Operation.READ_WRITE, "k1")));
    assertThat(g.allows("items", Operation.READ_WRITE, "k1")).isTrue();
  }

  @Test
  void halvesOnDifferentResourcesDoNotCompose() {
    Grants g = Grants.of(perm(Operation.READ, "k1"), perm(Operation.WRITE, "k2"));
    AccessDecision.Result r = AccessDecision.decide(g, RW_QUERY, Values.query("key=k1"));
    assertThat(r).isInstanceOf(AccessDecision.Forbidden.class);
    AccessDecision.Forbidden f = (AccessDecision.Forbidden) r;
    assertThat(f.error()).isEqualTo("insufficient_scope");
    assertThat(f.scope()).isEqualTo("items(rw)");
    assertThat(f.needed().resource()).isEqualTo("k1");
  }

  @Test
  void readOnlyIsForbiddenWriteAndNamesTheScope() {
    Grants g = Grants.of(perm(Operation.READ, "k1"));
    AccessDecision.Result r = AccessDecision.decide(g, W_PATH, Values.path("k1"));
    assertThat(r).isEqualTo(new AccessDecision.Forbidden(new Requirement("items", Operation.WRITE, "k1")));
    assertThat(((AccessDecision.Forbidden) r).scope()).isEqualTo("items(w)");
  }

  @Test
  void repeatedValuesAreMalformedEvenWhenEqual() {
    Grants g = Grants.of(perm(Operation.READ_WRITE, Permission.ANY));
    for (AccessDecision.Result r : List.of(
        AccessDecision.decide(g, RW_QUERY, Values.query("key=k1&key=k1")),
        AccessDecision.decide(g, RW_QUERY, Values.query("key=k1&key=k2")),
        AccessDecision.decide(g, R_HEADER, Values.header("k1", "k1")),
        AccessDecision.decide(g, W_PATH, Values.path("k1", "k1")))) {
      assertThat(r).isInstanceOf(AccessDecision.Malformed.class);
      assertThat(((AccessDecision.Malformed) r).message()).contains("appears more than once");
    }
  }

  @Test
  void blankIdsNameNoResourceEverywhere() {
    Grants specific = Grants.of(perm(Operation.READ_WRITE, "k1", ""));
    Grants wildcard = Grants.of(perm(Operation.READ_WRITE, Permission.ANY));
    List<AccessDecision.Result> forSpecific = List.of(
        AccessDecision.decide(specific, RW_QUERY, Values.query("key=")),
        AccessDecision.decide(specific, RW_QUERY, Values.query("other=1")),
        AccessDecision.decide(specific, R_HEADER, Values.header("  ")),
        AccessDecision.decide(specific, W_PATH, Values.path("")));
    for (AccessDecision.Result r : forSpecific) {
      assertThat(r).isInstanceOf(AccessDecision.Forbidden.class);
      assertThat(((AccessDecision.Forbidden) r).needed().resource()).isNull();
    }
    assertThat(AccessDecision.decide(wildcard, RW_QUERY, Values.query("key=")))
        .isInstanceOf(AccessDecision.Allowed.class);
    assertThat(AccessDecision.decide(wildcard, R_HEADER, Values.header("")))
        .isInstanceOf(AccessDecision.Allowed.class);
  }

  @Test
  void queryValuesArePercentDecodedOnceAndBadEncodingIsMalformed() {
    Grants g = Grants.of(perm(Operation.READ_WRITE, "a b/%"));
    assertThat(AccessDecision.decide(g, RW_QUERY, Values.query("key=a+b%2F%25")))
        .isInstanceOf(AccessDecision.Allowed.class);
    assertThat(AccessDecision.decide(g, RW_QUERY, Values.query("key=a%20b%252F")))
        .isInstanceOf(AccessDecision.Forbidden.class);
    assertThat(AccessDecision.decide(g, RW_QUERY, Values.query("key=%C3%28")))
        .isInstanceOf(AccessDecision.Malformed.class);
    assertThat(AccessDecision.decide(g, RW_QUERY, Values.query("key=%zz")))
        .isInstanceOf(AccessDecision.Malformed.class);
  }

  @Test
  void headerValuesAreStrippedAndAnAdapterDecodingFailureIsMalformed() {
    Grants g = Grants.of(perm(Operation.READ, "k1"));
    assertThat(AccessDecision.decide(g, R_HEADER, Values.header(" k1 ")))
        .isInstanceOf(AccessDecision.Allowed.class);
    RequestValues throwing = new RequestValues() {
      @Override
      public List<String> pathVariable(String name) {
        throw new MalformedException("bad percent-encoding in the path");
      }

      @Override
      public @Nullable String rawQuery() {
        return null;
      }

      @Override
      public List<String> headers(String name) {
        return List.of();
      }
    };
    assertThat(AccessDecision.decide(g, W_PATH, throwing))
        .isEqualTo(new AccessDecision.Malformed("bad percent-encoding in the path"));
  }

  @Test
  void noSourceNeedsAGrantOnEveryResource() {
    AccessRequirement none = new AccessRequirement("items", Operation.READ, ResourceSource.NONE);
    assertThat(AccessDecision.decide(Grants.of(perm(Operation.READ, "k1")), none, Values.query("key=k1")))
        .isInstanceOf(AccessDecision.Forbidden.class);
    assertThat(AccessDecision.decide(Grants.of(perm(Operation.READ, Permission.ANY)), none, Values.query(null)))
        .isInstanceOf(AccessDecision.Allowed.class);
    assertThat(AccessDecision.decide(Grants.none(), none, Values.query(null)))
        .isInstanceOf(AccessDecision.Forbidden.class);
  }

  @Test
  void scopeGroupsFollowTheSameComposition() {
    Grants g = Grants.of(perm(Operation.READ, Permission.ANY), perm(Operation.WRITE, Permission.ANY),
        new Permission("facets", Operation.READ, Set.of(Permission.ANY)),
        new Permission("lists", Operation.READ_WRITE, Set.of("k1")),
        new Permission(Permission.ANY, Operation.READ, Set.of(Permission.ANY)));
    assertThat(AccessDecision.scopeGroups(g))
        .containsExactlyInAnyOrder("items(rw)", "items(r)", "items(w)", "facets(r)");
  }

  @Test
  void sourcesRefuseBlankNames() {
    assertThatThrownBy(() -> ResourceSource.query(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResourceSource(ResourceSource.Kind.NONE, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ResourceSource.header("X-Key").toString()).isEqualTo("header:X-Key");
    assertThatThrownBy(() -> new AccessRequirement(" items", Operation.READ, ResourceSource.NONE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
