package dev.portcullis.servlet.security;

import dev.portcullis.core.Identity;
import jakarta.security.enterprise.CallerPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * The caller principal that {@link PortcullisAuthenticationMechanism} reports to the container: its
 * name is the identity's subject, and it carries the {@link Identity} itself.
 *
 * <p>{@code SecurityContext.getPrincipalsByType(PortcullisPrincipal.class)} finds it wherever the
 * container keeps it. The identity is transient: a serialized principal (a replicated session)
 * keeps only the name, and {@link #identity()} is then null.
 *
 * <p>Immutable and thread-safe.
 */
public final class PortcullisPrincipal extends CallerPrincipal {
  private static final long serialVersionUID = 1L;

  private final transient @Nullable Identity identity;

  /** A principal for {@code identity}, named by its subject. */
  public PortcullisPrincipal(Identity identity) {
    super(identity.subject());
    this.identity = identity;
  }

  /** Who authenticated and what they may do; null only after deserialization. */
  public @Nullable Identity identity() {
    return identity;
  }

  @Override
  public String toString() {
    return getName();
  }
}
