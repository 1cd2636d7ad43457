package dev.portcullis.core.access;

import java.util.Objects;

/**
 * Where the resource id of a request comes from: nowhere, a query parameter, a path variable or a
 * request header. The one description every adapter uses (the servlet {@code Rule}, the JAX-RS
 * {@code @RequiresScope}); {@link AccessDecision} reads the value through {@link RequestValues}.
 *
 * @param kind where to look
 * @param name the parameter, variable or header name; empty for {@link Kind#NONE}
 */
public record ResourceSource(Kind kind, String name) {
  /** The request names no resource: only a grant on every resource ({@link Permission#ANY}) satisfies it. */
  public static final ResourceSource NONE = new ResourceSource(Kind.NONE, "");

  /** The kinds of source. */
  public enum Kind { NONE, QUERY, PATH, HEADER }

  /**
   * @throws IllegalArgumentException if a source other than NONE has a blank name, or NONE has one
   */
  public ResourceSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    name = name.strip();
    if (kind == Kind.NONE ? !name.isEmpty() : name.isEmpty()) {
      throw new IllegalArgumentException(kind == Kind.NONE
          ? "a resource source of kind NONE takes no name" : "blank " + kind + " resource source name");
    }
  }

  /** The (percent-decoded) value of the named query parameter. */
  public static ResourceSource query(String parameter) {
    return new ResourceSource(Kind.QUERY, parameter);
  }

  /** The (decoded) path segment the named template variable matched. */
  public static ResourceSource path(String variable) {
    return new ResourceSource(Kind.PATH, variable);
  }

  /** The value of the named header. */
  public static ResourceSource header(String header) {
    return new ResourceSource(Kind.HEADER, header);
  }

  /** {@code query:key}, {@code path:id}, {@code header:X-Api-Key}, or empty for NONE. */
  @Override
  public String toString() {
    return kind == Kind.NONE ? "" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
  }
}
