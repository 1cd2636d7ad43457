package dev.portcullis.core.access;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A requirement template, fixed at configuration: an operation on a scope, for the resource id a
 * request names at {@link #source()}. {@link AccessDecision} turns it into one request's
 * {@link Requirement}.
 *
 * @param scope the scope, such as {@code items}
 * @param operation the operation needed
 * @param source where the resource id comes from
 */
public record AccessRequirement(String scope, Operation operation, ResourceSource source) {
  /** @throws IllegalArgumentException if the scope is blank or contains white space */
  public AccessRequirement {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(source, "source");
    if (scope.isBlank() || !scope.strip().equals(scope) || scope.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("bad scope: '" + scope + "'");
    }
  }

  /** This template for a resource id (null when the request names none). */
  public Requirement on(@Nullable String resource) {
    return new Requirement(scope, operation, resource);
  }

  @Override
  public String toString() {
    String s = source.toString();
    return scope + "(" + operation.code() + ")" + (s.isEmpty() ? "" : " " + s);
  }
}
