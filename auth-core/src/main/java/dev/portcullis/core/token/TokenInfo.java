package dev.portcullis.core.token;

import dev.portcullis.core.access.Permission;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The public facts about one generated API token: what a dashboard lists. Holds no secret and no hash.
 *
 * @param id the token id (also visible inside the token string, after the prefix)
 * @param account the owning account
 * @param name the label given at creation
 * @param permissions what the token may do
 * @param createdAt when it was issued
 * @param expiresAt when it stops working; null for never
 * @param lastUsedAt when it last authenticated a request, to the service's granularity; null if never
 * @param revoked whether it was revoked
 */
public record TokenInfo(
    String id,
    String account,
    String name,
    List<Permission> permissions,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt,
    boolean revoked) {

  public TokenInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(name, "name");
    permissions = List.copyOf(permissions);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Whether the token has expired at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
