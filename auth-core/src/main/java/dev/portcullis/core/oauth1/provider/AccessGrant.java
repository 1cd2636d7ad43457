package dev.portcullis.core.oauth1.provider;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One access token a user granted, as a "connected applications" page lists it: no secret.
 *
 * @param token the access token value, which the user passes back to revoke it
 * @param consumerKey the consumer it was issued to
 * @param createdAt when it was issued
 * @param expiresAt when it stops working, or null for never
 * @param revoked whether it was revoked
 */
public record AccessGrant(String token, String consumerKey, Instant createdAt, @Nullable Instant expiresAt, boolean revoked) {
  public AccessGrant {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(consumerKey, "consumerKey");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
