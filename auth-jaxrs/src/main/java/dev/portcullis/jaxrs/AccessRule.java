package dev.portcullis.jaxrs;

import dev.portcullis.core.access.AccessRequirement;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.ResourceSource;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Path;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * What the annotations on one resource method ask for, resolved and validated once at deployment.
 *
 * <p>The method's own annotations win over its class's; a class that declares nothing defers to
 * the method's declaring class (a resource inheriting its methods). Contradictions on one element
 * ({@code @Public} with {@code @RequiresScope}, {@code @DenyAll} with anything) and malformed
 * {@link RequiresScope} values are deployment errors. Immutable.
 */
record AccessRule(Kind kind, @Nullable String scope, @Nullable Operation operation, ResourceSource source) {

  /** What protection a method gets. */
  enum Kind {
    /** {@code @Public} or {@code @PermitAll}: no filter at all. */
    PUBLIC,
    /** {@code @DenyAll}: refused with 403 whoever asks. */
    DENY,
    /** No annotation anywhere: authentication only (or 403 when the feature denies unannotated). */
    UNANNOTATED,
    /** {@code @RequiresScope}: authentication, then the permission check. */
    SCOPE
  }

  /**
   * The core requirement template of a {@link Kind#SCOPE} rule, which
   * {@link dev.portcullis.core.access.AccessDecision} decides.
   *
   * @throws IllegalStateException for a rule of another kind
   */
  AccessRequirement requirement() {
    if (kind != Kind.SCOPE || scope == null || operation == null) {
      throw new IllegalStateException("only a @RequiresScope rule has a requirement");
    }
    return new AccessRequirement(scope, operation, source);
  }

  private static final AccessRule PUBLIC = new AccessRule(Kind.PUBLIC, null, null, ResourceSource.NONE);
  private static final AccessRule DENY = new AccessRule(Kind.DENY, null, null, ResourceSource.NONE);
  private static final AccessRule UNANNOTATED =
      new AccessRule(Kind.UNANNOTATED, null, null, ResourceSource.NONE);

  /**
   * Resolves the rule for {@code method} invoked on {@code resourceClass}.
   *
   * @throws IllegalStateException if the annotations contradict each other or are malformed; the
   *     message names the method
   */
  static AccessRule resolve(Class<?> resourceClass, Method method) {
    String where = resourceClass.getName() + "#" + method.getName();
    AccessRule rule = of(method, where);
    if (rule == null) {
      rule = of(resourceClass, where);
    }
    if (rule == null && method.getDeclaringClass() != resourceClass) {
      rule = of(method.getDeclaringClass(), where);
    }
    if (rule == null) {
      return UNANNOTATED;
    }
    if (rule.source().kind() == ResourceSource.Kind.PATH) {
      checkPathParam(resourceClass, method, rule.source().name(), where);
    }
    return rule;
  }

  /**
   * A misspelt {@code pathParam} would name no resource on every request (all 403): refuse it at
   * deployment. Only root resources are checked, where the whole template is known; a
   * sub-resource's template starts in its locator.
   */
  private static void checkPathParam(Class<?> resourceClass, Method method, String name, String where) {
    Path classPath = resourceClass.getAnnotation(Path.class);
    if (classPath == null) {
      return;
    }
    Path methodPath = method.getAnnotation(Path.class);
    String template = classPath.value() + "/" + (methodPath == null ? "" : methodPath.value());
    if (!declares(template, name)) {
      throw new IllegalStateException(where + ": @RequiresScope pathParam '" + name
          + "' is not a parameter of the path " + template);
    }
  }

  private static boolean declares(String template, String name) {
    int from = 0;
    while (true) {
      int open = template.indexOf('{', from);
      if (open < 0) {
        return false;
      }
      int i = open + 1;
      while (i < template.length() && Character.isWhitespace(template.charAt(i))) {
        i++;
      }
      if (template.startsWith(name, i)) {
        int j = i + name.length();
        while (j < template.length() && Character.isWhitespace(template.charAt(j))) {
          j++;
        }
        if (j < template.length() && (template.charAt(j) == '}' || template.charAt(j) == ':')) {
          return true;
        }
      }
      from = open + 1;
    }
  }

  private static @Nullable AccessRule of(AnnotatedElement element, String where) {
    RequiresScope scope = element.getAnnotation(RequiresScope.class);
    boolean open = element.isAnnotationPresent(Public.class) || element.isAnnotationPresent(PermitAll.class);
    boolean deny = element.isAnnotationPresent(DenyAll.class);
    if (deny && (open || scope != null)) {
      throw new IllegalStateException(where + ": @DenyAll contradicts the other access annotations");
    }
    if (open && scope != null) {
      throw new IllegalStateException(where + ": @Public/@PermitAll contradicts @RequiresScope");
    }
    if (deny) {
      return DENY;
    }
    if (open) {
      return PUBLIC;
    }
    return scope == null ? null : fromAnnotation(scope, where);
  }

  private static AccessRule fromAnnotation(RequiresScope a, String where) {
    String scope = a.value();
    if (scope.isBlank() || !scope.strip().equals(scope)) {
      throw new IllegalStateException(where + ": @RequiresScope needs a scope name without spaces");
    }
    Operation op;
    try {
      op = Operation.fromCode(a.op());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + ": @RequiresScope op must be r, w or rw, not '" + a.op() + "'", e);
    }
    ResourceSource source;
    try {
      if (!a.pathParam().isEmpty()) {
        source = ResourceSource.path(a.pathParam());
      } else if (!a.header().isEmpty()) {
        source = ResourceSource.header(a.header());
      } else if (!a.query().isEmpty()) {
        source = ResourceSource.query(a.query());
      } else {
        source = ResourceSource.NONE;
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(where + ": @RequiresScope " + e.getMessage(), e);
    }
    return new AccessRule(Kind.SCOPE, scope, op, source);
  }
}
