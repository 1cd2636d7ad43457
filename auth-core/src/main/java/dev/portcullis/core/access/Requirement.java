package dev.portcullis.core.access;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one request needs: an operation on a scope, for the resource the request names.
 *
 * @param scope the scope, such as {@code items}
 * @param operation the operation needed
 * @param resource the resource the request addresses (the {@code key} query parameter, a path
 *     segment), or null when it names none
 */
public record Requirement(String scope, Operation operation, @Nullable String resource) {
  public Requirement {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(operation, "operation");
  }

  /** The needed permission in the form the API reference uses: {@code items(r)}. */
  public String scopeLabel() {
    return scope + "(" + operation.code() + ")";
  }

  @Override
  public String toString() {
    return resource == null ? scopeLabel() : scopeLabel() + " on " + resource;
  }
}
