package dev.portcullis.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.access.ResourceSource;
import dev.portcullis.jaxrs.AccessRule.Kind;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import java.lang.reflect.Method;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How annotations on methods and classes resolve into one rule per resource method. */
class AccessRuleTest {

  @RequiresScope(value = "facets", op = "r")
  static class ScopedClass {
    public void inherits() {}

    @RequiresScope(value = "facets", op = "w")
    public void overrides() {}

    @Public
    public void open() {}

    @PermitAll
    public void permitted() {}

    @DenyAll
    public void closed() {}
  }

  @Public
  static class PublicClass {
    public void inherits() {}

    @RequiresScope(value = "items", op = "rw", pathParam = "id", header = "X-Key", query = "key")
    public void scoped() {}
  }

  static class Plain {
    public void nothing() {}

    @RequiresScope(value = "items", op = "r", header = "X-Key")
    public void header() {}

    @RequiresScope(value = "tokens", op = "r", query = "")
    public void noResource() {}

    @RequiresScope(value = "items", op = "r")
    public void defaultQuery() {}

    @RequiresScope(value = "items", op = "x")
    public void badOp() {}

    @RequiresScope(value = "items", op = "R")
    public void upperCaseOp() {}

    @RequiresScope(value = " ", op = "r")
    public void blankScope() {}

    @Public
    @RequiresScope(value = "items", op = "r")
    public void contradiction() {}

    @DenyAll
    @PermitAll
    public void denyAndPermit() {}

    @Public
    @PermitAll
    public void publicTwice() {}
  }

  @jakarta.ws.rs.Path("/ws/customers/{ customer : [a-z_]+ }")
  static class Customers {
    @jakarta.ws.rs.Path("contacts/{id}")
    @RequiresScope(value = "contacts", op = "r", pathParam = "customer")
    public void fromClassPath() {}

    @jakarta.ws.rs.Path("contacts/{id}")
    @RequiresScope(value = "contacts", op = "r", pathParam = "id")
    public void fromMethodPath() {}

    @jakarta.ws.rs.Path("contacts/{id}")
    @RequiresScope(value = "contacts", op = "r", pathParam = "cust")
    public void misspelt() {}
  }

  /** No @Path on the class: a sub-resource, whose template starts in its locator. */
  static class SubResource {
    @RequiresScope(value = "contacts", op = "r", pathParam = "customer")
    public void get() {}
  }

  /** A subclass that adds nothing: the declaring class's annotation still applies. */
  static class InheritingResource extends ScopedClass {}

  private static Method m(Class<?> c, String name) throws NoSuchMethodException {
    return c.getMethod(name);
  }

  @Test
  void methodAnnotationWinsOverTheClass() throws Exception {
    AccessRule inherits = AccessRule.resolve(ScopedClass.class, m(ScopedClass.class, "inherits"));
    assertThat(inherits.kind()).isEqualTo(Kind.SCOPE);
    assertThat(inherits.operation()).isEqualTo(Operation.READ);
    AccessRule overrides = AccessRule.resolve(ScopedClass.class, m(ScopedClass.class, "overrides"));
    assertThat(overrides.operation()).isEqualTo(Operation.WRITE);
    assertThat(AccessRule.resolve(ScopedClass.class, m(ScopedClass.class, "open")).kind()).isEqualTo(Kind.PUBLIC);
    assertThat(AccessRule.resolve(ScopedClass.class, m(ScopedClass.class, "closed")).kind()).isEqualTo(Kind.DENY);
  }

  @Test
  void permitAllIsTheSameAsPublic() throws Exception {
    assertThat(AccessRule.resolve(ScopedClass.class, m(ScopedClass.class, "permitted")).kind()).isEqualTo(Kind.PUBLIC);
    assertThat(AccessRule.resolve(Plain.class, m(Plain.class, "publicTwice")).kind()).isEqualTo(Kind.PUBLIC);
  }

  @Test
  void aPublicClassCanStillProtectOneMethod() throws Exception {
    assertThat(AccessRule.resolve(PublicClass.class, m(PublicClass.class, "inherits")).kind()).isEqualTo(Kind.PUBLIC);
    AccessRule scoped = AccessRule.resolve(PublicClass.class, m(PublicClass.class, "scoped"));
    assertThat(scoped.kind()).isEqualTo(Kind.SCOPE);
    assertThat(scoped.operation()).isEqualTo(Operation.READ_WRITE);
    assertThat(scoped.source()).isEqualTo(ResourceSource.path("id"));
  }

  @Test
  void resourceSourcesFollowPathThenHeaderThenQuery() throws Exception {
    assertThat(AccessRule.resolve(Plain.class, m(Plain.class, "header")).source())
        .isEqualTo(ResourceSource.header("X-Key"));
    assertThat(AccessRule.resolve(Plain.class, m(Plain.class, "defaultQuery")).source())
        .isEqualTo(ResourceSource.query("key"));
    assertThat(AccessRule.resolve(Plain.class, m(Plain.class, "noResource")).source())
        .isEqualTo(ResourceSource.NONE);
  }

  @Test
  void aPathParamMustBeInThePathTemplate() throws Exception {
    assertThat(AccessRule.resolve(Customers.class, m(Customers.class, "fromClassPath")).source().name())
        .isEqualTo("customer");
    assertThat(AccessRule.resolve(Customers.class, m(Customers.class, "fromMethodPath")).source().name())
        .isEqualTo("id");
    assertThatThrownBy(() -> AccessRule.resolve(Customers.class, m(Customers.class, "misspelt")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'cust' is not a parameter");
    assertThat(AccessRule.resolve(SubResource.class, m(SubResource.class, "get")).kind()).isEqualTo(Kind.SCOPE);
  }

  @Test
  void unannotatedMethodsAreMarkedSo() throws Exception {
    assertThat(AccessRule.resolve(Plain.class, m(Plain.class, "nothing")).kind()).isEqualTo(Kind.UNANNOTATED);
  }

  @Test
  void aSubclassFallsBackToTheDeclaringClass() throws Exception {
    AccessRule rule = AccessRule.resolve(InheritingResource.class, m(InheritingResource.class, "inherits"));
    assertThat(rule.kind()).isEqualTo(Kind.SCOPE);
    assertThat(rule.scope()).isEqualTo("facets");
  }

  @Test
  void malformedOrContradictoryAnnotationsFailWithTheMethodNamed() {
    assertThatThrownBy(() -> AccessRule.resolve(Plain.class, m(Plain.class, "badOp")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Plain#badOp").hasMessageContaining("r, w or rw");
    assertThatThrownBy(() -> AccessRule.resolve(Plain.class, m(Plain.class, "upperCaseOp")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AccessRule.resolve(Plain.class, m(Plain.class, "blankScope")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("scope");
    assertThatThrownBy(() -> AccessRule.resolve(Plain.class, m(Plain.class, "contradiction")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("contradicts");
    assertThatThrownBy(() -> AccessRule.resolve(Plain.class, m(Plain.class, "denyAndPermit")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("@DenyAll");
  }

  @Test
  void readWriteNeedsBothHalvesWhichMayComeFromTwoPermissions() {
    // The rule the filter renders is the core's: Grants composes rw (see AccessDecisionTest).
    Requirement rw = new Requirement("items", Operation.READ_WRITE, "k1");
    assertThat(Grants.of(new Permission("items", Operation.READ, Set.of("k1"))).allows(rw))
        .isFalse();
    assertThat(Grants.of(
        new Permission("items", Operation.READ, Set.of("k1")),
        new Permission("items", Operation.WRITE, Set.of("k1"))).allows(rw)).isTrue();
    assertThat(Grants.of(
        new Permission("items", Operation.READ, Set.of("k1")),
        new Permission("items", Operation.WRITE, Set.of("k2"))).allows(rw)).isFalse();
    assertThat(Grants.of(new Permission("items", Operation.READ_WRITE, Set.of("k1"))).allows(rw))
        .isTrue();
  }
}
