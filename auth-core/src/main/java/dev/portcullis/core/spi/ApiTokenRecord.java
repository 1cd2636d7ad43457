package dev.portcullis.core.spi;

import dev.portcullis.core.access.Permission;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One generated API token as a store keeps it: everything but the secret, which is present only as
 * its hash.
 *
 * <p>The hash is compared with {@link #hashMatches} (constant time, full length) and never leaves
 * the record through {@code toString}. Immutable; the {@code with...} methods return copies.
 *
 * @param id the public token id, the lookup key (part of the token string)
 * @param account the owning account's id
 * @param name the label the account gave the token
 * @param permissions what the token may do
 * @param hash the SHA-256 digest of the whole token string
 * @param createdAt when it was issued
 * @param expiresAt when it stops working; null for never
 * @param lastUsedAt when it last authenticated a request (coarse, see the token service); null if never
 * @param revoked whether it was revoked
 */
public record ApiTokenRecord(
    String id,
    String account,
    String name,
    List<Permission> permissions,
    byte[] hash,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt,
    boolean revoked) {

  public ApiTokenRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(name, "name");
    permissions = List.copyOf(permissions);
    hash = hash.clone();
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** A copy of the stored hash (for stores that persist it). */
  @Override
  public byte[] hash() {
    return hash.clone();
  }

  /** Whether {@code candidate} equals the stored hash, compared in constant time over the full length. */
  public boolean hashMatches(byte[] candidate) {
    return MessageDigest.isEqual(hash, candidate);
  }

  /** This record with {@code lastUsedAt} set. */
  public ApiTokenRecord withLastUsedAt(Instant usedAt) {
    return new ApiTokenRecord(id, account, name, permissions, hash, createdAt, expiresAt, usedAt, revoked);
  }

  /** This record, revoked. */
  public ApiTokenRecord asRevoked() {
    return new ApiTokenRecord(id, account, name, permissions, hash, createdAt, expiresAt, lastUsedAt, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiTokenRecord r
        && id.equals(r.id) && account.equals(r.account) && name.equals(r.name)
        && permissions.equals(r.permissions) && Arrays.equals(hash, r.hash)
        && createdAt.equals(r.createdAt) && Objects.equals(expiresAt, r.expiresAt)
        && Objects.equals(lastUsedAt, r.lastUsedAt) && revoked == r.revoked;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, account, createdAt);
  }

  @Override
  public String toString() {
    // The hash is left out: it is as good as the token for an offline guess of a weak legacy secret.
    return "ApiTokenRecord[id=" + id + ", account=" + account + ", name=" + name
        + ", permissions=" + permissions + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt
        + ", lastUsedAt=" + lastUsedAt + ", revoked=" + revoked + "]";
  }
}
