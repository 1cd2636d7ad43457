package dev.portcullis.servlet;

import dev.portcullis.core.access.AccessRequirement;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.ResourceSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One authorization rule of an {@link AuthFilter}: requests with this method on this path need this
 * scope and operation, for the resource id found in a query parameter, a path variable or a header.
 *
 * <pre>{@code
 * Rule.of("GET", "/v2/items", "items", Operation.READ).resourceFromQuery("key");
 * Rule.of("POST", "/ws/customers/{customer}/contacts", "contacts", Operation.WRITE)
 *     .resourceFromPath("customer");
 * Rule.of("*", "/admin/*", "admin", Operation.READ_WRITE); // any method, no resource
 * }</pre>
 *
 * <p>The path is a servlet-style pattern relative to the context path: exact ({@code /v1/facets}),
 * prefix ({@code /v1/facets/*}), extension ({@code *.csv}) or a template whose {@code {var}}
 * segments each match one non-empty segment. The method is compared case-sensitively, as HTTP
 * defines it; {@code *} matches any method, and a {@code GET} rule also covers {@code HEAD}
 * (servlets answer HEAD by running {@code doGet}).
 *
 * <p>The rule only says which requests it guards and what they need (an {@link AccessRequirement});
 * whether a request's identity meets it, how a repeated or blank resource id is treated, is decided
 * by {@link dev.portcullis.core.access.AccessDecision}, the same for every adapter.
 *
 * <p>Immutable and thread-safe; the {@code resourceFrom...} methods return a new rule.
 */
public final class Rule {
  private final String method;
  private final PathPattern path;
  private final AccessRequirement requirement;

  private Rule(String method, PathPattern path, AccessRequirement requirement) {
    this.method = method;
    this.path = path;
    this.requirement = requirement;
  }

  /**
   * A rule with no resource id: the identity needs {@code scope(op)} on any resource, which only a
   * wildcard grant satisfies.
   *
   * @throws IllegalArgumentException if the method is blank, the path pattern is malformed or the
   *     scope is blank
   */
  public static Rule of(String method, String pathPattern, String scope, Operation operation) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(pathPattern, "pathPattern");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(operation, "operation");
    String m = method.trim();
    if (m.isEmpty() || m.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("bad HTTP method in rule: '" + method + "'");
    }
    if (scope.isBlank() || scope.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("bad scope in rule: '" + scope + "'");
    }
    return new Rule(m, PathPattern.compile(pathPattern),
        new AccessRequirement(scope, operation, ResourceSource.NONE));
  }

  /** The resource id is the (decoded) value of the named query parameter. */
  public Rule resourceFromQuery(String parameter) {
    return with(ResourceSource.query(requireName(parameter, "query parameter")));
  }

  /**
   * The resource id is the (decoded) path segment the template variable matched.
   *
   * @throws IllegalArgumentException if the path template has no such variable
   */
  public Rule resourceFromPath(String variable) {
    if (!path.hasVariable(requireName(variable, "path variable"))) {
      throw new IllegalArgumentException(
          "path template " + path + " has no variable {" + variable + "}");
    }
    return with(ResourceSource.path(variable));
  }

  /** The resource id is the first value of the named request header. */
  public Rule resourceFromHeader(String header) {
    return with(ResourceSource.header(requireName(header, "header")));
  }

  private Rule with(ResourceSource source) {
    return new Rule(method, path,
        new AccessRequirement(requirement.scope(), requirement.operation(), source));
  }

  private static String requireName(String name, String what) {
    Objects.requireNonNull(name, what);
    if (name.isBlank()) {
      throw new IllegalArgumentException("blank " + what + " name");
    }
    return name.trim();
  }

  /** The method this rule applies to, or {@code *}. */
  public String method() {
    return method;
  }

  /** The path pattern, as written. */
  public String pathPattern() {
    return path.toString();
  }

  /** The scope needed. */
  public String scope() {
    return requirement.scope();
  }

  /** The operation needed. */
  public Operation operation() {
    return requirement.operation();
  }

  /** What a request this rule guards needs, and where its resource id comes from. */
  public AccessRequirement requirement() {
    return requirement;
  }

  /**
   * Matches a request; returns the path variables (empty for non-templates) or null when the rule
   * does not apply.
   */
  @Nullable Map<String, String> match(String requestMethod, String path) {
    // HEAD runs the GET handler in every servlet, so a GET rule must guard it too.
    if (!method.equals("*") && !method.equals(requestMethod)
        && !(method.equals("GET") && requestMethod.equals("HEAD"))) {
      return null;
    }
    if (requirement.source().kind() != ResourceSource.Kind.PATH) {
      return this.path.matches(path) ? Map.of() : null;
    }
    Map<String, String> vars = new HashMap<>(4);
    return this.path.match(path, vars) ? vars : null;
  }

  @Override
  public String toString() {
    String where = requirement.source().toString();
    return method + " " + path + " " + requirement.scope() + "(" + requirement.operation().code() + ")"
        + (where.isEmpty() ? "" : " " + where);
  }
}
