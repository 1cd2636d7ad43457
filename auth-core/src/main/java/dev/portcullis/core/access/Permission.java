package dev.portcullis.core.access;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One grant: an operation on a scope, limited to some resources.
 *
 * <p>{@code {"scope": "items", "operation": "r", "resources": ["key_demo_index"]}} is
 * {@code new Permission("items", Operation.READ, Set.of("key_demo_index"))}. The wildcard
 * {@link #ANY} stands for every scope or every resource; it is for grants the server makes itself
 * (an account's own API token), never for a permission a client asked for.
 *
 * @param scope the scope name, or {@link #ANY}
 * @param operation what may be done
 * @param resources the resource ids (API keys, customer names, account ids) it covers; {@link #ANY}
 *     among them covers every resource, including requests that name none
 */
public record Permission(String scope, Operation operation, Set<String> resources) {

  /** Wildcard for a scope or a resource. */
  public static final String ANY = "*";

  public Permission {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(operation, "operation");
    resources = Set.copyOf(resources);
  }

  /** Whether this permission covers {@code needed} on {@code resource} (null when the request names none). */
  public boolean allows(String neededScope, Operation needed, @Nullable String resource) {
    if (!(scope.equals(ANY) || scope.equals(neededScope)) || !operation.implies(needed)) {
      return false;
    }
    if (resources.contains(ANY)) {
      return true;
    }
    return resource != null && resources.contains(resource);
  }
}
