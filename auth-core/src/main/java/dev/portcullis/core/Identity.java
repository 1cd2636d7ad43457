package dev.portcullis.core;

import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who a request was authenticated as, and what it may do.
 *
 * <p>Holds no secret: not the password, token, HA1 or signature that proved it. The attributes are
 * scheme-specific public facts (a token id, an OAuth consumer key).
 *
 * @param subject the principal name the application sees ({@code getUserPrincipal().getName()})
 * @param account the account or tenant the subject belongs to, when the scheme knows one
 * @param application the API key or OAuth consumer key that identified the calling application
 * @param scheme the name of the scheme that authenticated ({@code "Basic"}, {@code "Bearer"},
 *     {@code "Digest"}, {@code "OAuth"})
 * @param grants the permissions, checked by {@link Grants#allows(String, Operation, String)}
 * @param roles role names for {@code isUserInRole}
 * @param attributes public, scheme-specific facts
 */
public record Identity(
    String subject,
    @Nullable String account,
    @Nullable String application,
    String scheme,
    Grants grants,
    Set<String> roles,
    Map<String, String> attributes) {

  public Identity {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(grants, "grants");
    roles = Set.copyOf(roles);
    attributes = Map.copyOf(attributes);
  }

  public Identity(String subject, @Nullable String account, @Nullable String application, String scheme, Grants grants) {
    this(subject, account, application, scheme, grants, Set.of(), Map.of());
  }

  /** Whether the identity holds the named role. */
  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
