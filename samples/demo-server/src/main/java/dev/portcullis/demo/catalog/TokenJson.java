package dev.portcullis.demo.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.token.TokenInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the token-management API ({@code /v1/tokens}). */
final class TokenJson {
  private TokenJson() {}

  /**
   * {@code POST /v1/tokens}: {@code {"name": "ci", "permissions": [...], "expires_in": 3600}}.
   *
   * @param name the label
   * @param permissions what the token may do
   * @param expiresIn lifetime in seconds; absent or null for a token that does not expire
   */
  record CreateRequest(
      @Nullable String name,
      @Nullable List<PermissionJson> permissions,
      @JsonProperty("expires_in") @Nullable Long expiresIn) {

    /**
     * The permissions as core values.
     *
     * @throws IllegalArgumentException if a permission lacks a field or names a bad operation
     */
    List<Permission> toPermissions() {
      if (permissions == null || permissions.isEmpty()) {
        throw new IllegalArgumentException("permissions must hold at least one permission");
      }
      List<Permission> out = new ArrayList<>(permissions.size());
      for (PermissionJson p : permissions) {
        if (p == null) {
          throw new IllegalArgumentException("permissions must not contain null");
        }
        out.add(p.toPermission());
      }
      return out;
    }
  }

  /**
   * One permission: {@code {"scope": "items", "operation": "r", "resources": ["key_demo_index"]}}.
   */
  record PermissionJson(@Nullable String scope, @Nullable String operation, @Nullable List<String> resources) {

    static PermissionJson of(Permission p) {
      return new PermissionJson(p.scope(), p.operation().code(), p.resources().stream().sorted().toList());
    }

    Permission toPermission() {
      if (scope == null || scope.isEmpty()) {
        throw new IllegalArgumentException("each permission needs a scope");
      }
      if (operation == null) {
        throw new IllegalArgumentException("each permission needs an operation: r, w or rw");
      }
      if (resources == null || resources.isEmpty()) {
        throw new IllegalArgumentException("each permission needs at least one resource (an API key)");
      }
      for (String r : resources) {
        if (r == null || r.isEmpty()) {
          throw new IllegalArgumentException("resources must be API keys, not empty or null");
        }
        if (r.equals(Permission.ANY)) {
          throw new IllegalArgumentException("resources must name API keys; \"*\" is not allowed");
        }
      }
      if (scope.equals(Permission.ANY)) {
        throw new IllegalArgumentException("scope must name one scope; \"*\" is not allowed");
      }
      return new Permission(scope, Operation.fromCode(operation), Set.copyOf(resources));
    }
  }

  /** The answer to a create: the only place the token string ever appears. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Created(
      String id,
      String name,
      String token,
      List<PermissionJson> permissions,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("expires_at") @Nullable String expiresAt) {

    @Override
    public String toString() {
      return "Created[id=" + id + "]";
    }
  }

  /** One token in a listing: no secret, no hash. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Listed(
      String id,
      String name,
      List<PermissionJson> permissions,
      @JsonProperty("created_at") String createdAt,
      @JsonProperty("expires_at") @Nullable String expiresAt,
      @JsonProperty("last_used_at") @Nullable String lastUsedAt,
      boolean revoked,
      boolean expired) {

    static Listed of(TokenInfo t, Instant now) {
      return new Listed(t.id(), t.name(), TokenJson.permissions(t.permissions()), iso(t.createdAt()),
          iso(t.expiresAt()), iso(t.lastUsedAt()), t.revoked(), t.expiredAt(now));
    }
  }

  /** An instant as RFC 3339 UTC text ({@code 2026-01-31T12:00:00Z}), or null. */
  static @Nullable String iso(@Nullable Instant t) {
    return t == null ? null : t.toString();
  }

  static List<PermissionJson> permissions(List<Permission> ps) {
    return ps.stream().map(PermissionJson::of).toList();
  }
}
