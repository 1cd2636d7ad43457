package dev.portcullis.core.token;

import dev.portcullis.core.access.Permission;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.token.CreateResult.Problem;
import dev.portcullis.core.token.CreateResult.Refused;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules a create request must satisfy, each answered with a {@link Refused} that is safe to show
 * the client. Kept apart from {@link TokenAdmin} so the rules read as one list. Immutable and
 * thread-safe.
 */
final class CreateChecks {
  private static final int CLIP = 40;

  private final Set<String> allowedScopes;

  CreateChecks(Set<String> allowedScopes) {
    this.allowedScopes = allowedScopes;
  }

  /** Null when the name, once stripped of surrounding white space, is acceptable. */
  static @Nullable Refused name(@Nullable String name) {
    if (name == null || name.isBlank()) {
      return refuse(Problem.NAME_MISSING, "A token needs a name.");
    }
    String s = name.strip();
    if (s.length() > TokenAdmin.MAX_NAME_LENGTH) {
      return refuse(Problem.NAME_TOO_LONG, "The name must be at most " + TokenAdmin.MAX_NAME_LENGTH + " characters.");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return refuse(Problem.NAME_CONTROL_CHARACTER, "The name must not contain control characters.");
      }
    }
    return null;
  }

  /** Null when the lifetime is acceptable (null is: no expiry). */
  static @Nullable Refused expiry(@Nullable Duration expiresIn) {
    if (expiresIn == null) {
      return null;
    }
    if (expiresIn.isNegative() || expiresIn.isZero()) {
      return refuse(Problem.EXPIRY_NOT_POSITIVE, "expires_in must be positive.");
    }
    if (expiresIn.compareTo(TokenAdmin.MAX_EXPIRY) > 0) {
      return refuse(Problem.EXPIRY_TOO_FAR, "expires_in must be at most " + TokenAdmin.MAX_EXPIRY.toDays() + " days.");
    }
    return null;
  }

  /** Null when every permission is acceptable for {@code owner}. */
  @Nullable Refused permissions(@Nullable List<@Nullable Permission> permissions, Account owner) {
    if (permissions == null || permissions.isEmpty()) {
      return refuse(Problem.NO_PERMISSIONS, "A token needs at least one permission.");
    }
    if (permissions.size() > TokenAdmin.MAX_PERMISSIONS) {
      return refuse(Problem.TOO_MANY_PERMISSIONS,
          "A token may carry at most " + TokenAdmin.MAX_PERMISSIONS + " permissions.");
    }
    for (Permission p : permissions) {
      Refused r = permission(p, owner);
      if (r != null) {
        return r;
      }
    }
    return null;
  }

  private @Nullable Refused permission(@Nullable Permission p, Account owner) {
    if (p == null) {
      return refuse(Problem.PERMISSION_MISSING, "A permission is missing.");
    }
    if (p.scope().equals(Permission.ANY)) {
      return refuse(Problem.WILDCARD_SCOPE, "A wildcard scope is not allowed; name the scope.");
    }
    if (!allowedScopes.contains(p.scope())) {
      return refuse(Problem.UNKNOWN_SCOPE, "Unknown scope '" + clip(p.scope()) + "'.");
    }
    if (p.resources().isEmpty()) {
      return refuse(Problem.NO_RESOURCES, "The permission for scope '" + p.scope() + "' names no resources.");
    }
    if (p.resources().size() > TokenAdmin.MAX_RESOURCES) {
      return refuse(Problem.TOO_MANY_RESOURCES,
          "A permission may name at most " + TokenAdmin.MAX_RESOURCES + " resources.");
    }
    for (String r : p.resources()) {
      if (r.equals(Permission.ANY)) {
        return refuse(Problem.WILDCARD_RESOURCE, "A wildcard resource is not allowed; name the API keys.");
      }
      if (!owner.apiKeys().contains(r)) {
        return refuse(Problem.FOREIGN_RESOURCE, "Resource '" + clip(r) + "' is not an API key of this account.");
      }
    }
    return null;
  }

  static Refused refuse(Problem problem, String message) {
    return new Refused(problem, message);
  }

  /** Client text for a message: at most 40 characters, control characters replaced. */
  private static String clip(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), CLIP) + 3);
    for (int i = 0; i < s.length() && i < CLIP; i++) {
      char c = s.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return s.length() > CLIP ? sb.append("...").toString() : sb.toString();
  }
}
