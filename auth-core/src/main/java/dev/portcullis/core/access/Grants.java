package dev.portcullis.core.access;

import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The permissions an identity holds. Immutable and thread-safe.
 *
 * <pre>{@code
 * Grants grants = Grants.of(List.of(new Permission("items", Operation.READ, Set.of("key_demo_index"))));
 * grants.allows("items", Operation.READ, "key_demo_index");  // true
 * grants.allows("items", Operation.WRITE, "key_demo_index"); // false
 * }</pre>
 *
 * <p>Permissions compose: {@code items(r)} and {@code items(w)} on one resource, held as two
 * permissions, allow {@code items(rw)} on it (access is the union of the grants).
 */
public final class Grants {
  private static final Grants NONE = new Grants(List.of());

  private final List<Permission> permissions;

  private Grants(List<Permission> permissions) {
    this.permissions = permissions;
  }

  /** Grants nothing. */
  public static Grants none() {
    return NONE;
  }

  /** Grants the union of the given permissions. */
  public static Grants of(Collection<Permission> permissions) {
    return permissions.isEmpty() ? NONE : new Grants(List.copyOf(permissions));
  }

  /** Grants the given permissions. */
  public static Grants of(Permission... permissions) {
    return of(List.of(permissions));
  }

  /**
   * Whether the permissions together cover {@code operation} on {@code scope} for {@code resource}
   * (null when the request names none). They compose: {@code rw} is allowed when one permission
   * grants {@code rw}, or when {@code r} and {@code w} on that resource come from two permissions.
   */
  public boolean allows(String scope, Operation operation, @Nullable String resource) {
    if (operation == Operation.READ_WRITE) {
      return any(scope, Operation.READ, resource) && any(scope, Operation.WRITE, resource);
    }
    return any(scope, operation, resource);
  }

  private boolean any(String scope, Operation operation, @Nullable String resource) {
    for (Permission p : permissions) {
      if (p.allows(scope, operation, resource)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the requirement is met. */
  public boolean allows(Requirement requirement) {
    return allows(requirement.scope(), requirement.operation(), requirement.resource());
  }

  /** The permissions, in the order given. */
  public List<Permission> permissions() {
    return permissions;
  }

  @Override
  public String toString() {
    return "Grants" + permissions;
  }
}
