package dev.portcullis.core.access;

import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one authorization decision every adapter renders: given the identity's {@link Grants}, a
 * requirement template and the request's values, {@link #decide} answers {@link Allowed},
 * {@link Forbidden} or {@link Malformed}. Adapters never read grants themselves.
 *
 * <p>The rules, the same in every adapter:
 * <ul>
 *   <li><b>Composition.</b> Grants compose: {@code items(r)} and {@code items(w)} on the same resource
 *       from two permissions satisfy {@code items(rw)} (see {@link Grants#allows}).
 *   <li><b>Repetition.</b> A resource id given more than once (two query parameters, two header lines,
 *       a path variable bound twice) is {@link Malformed}, even when the copies are equal: the
 *       application might read another copy than the one checked, and equal copies are no less
 *       ambiguous to an intermediary. Adapters answer 400 {@code invalid_request}.
 *   <li><b>Blank ids.</b> An empty resource id ({@code ?key=}, an empty or all-white-space header) is
 *       treated as naming no resource: the requirement then has a null resource, which only a grant
 *       on every resource ({@link Permission#ANY}) satisfies; anyone else is {@link Forbidden} (403).
 *       A header value is stripped of surrounding white space first.
 *   <li><b>Decoding.</b> Query values are percent-decoded here, once ({@link FormCodec}, so {@code +}
 *       is a space); invalid percent-encoding or UTF-8 is {@link Malformed}. Path variables arrive
 *       decoded from the adapter; headers are taken as sent.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class AccessDecision {
  private AccessDecision() {}

  /** What the decision says. */
  public sealed interface Result permits Allowed, Forbidden, Malformed {}

  /** The grants cover the requirement. */
  public record Allowed(Requirement requirement) implements Result {}

  /**
   * The grants do not cover the requirement: 403 with {@code error="insufficient_scope"} and the
   * needed permission {@link #scope()} (RFC 6750 section 3.1); render with
   * {@code Gate.forbid(identity, needed)}.
   */
  public record Forbidden(Requirement needed) implements Result {
    /** The RFC 6750 error code: {@code insufficient_scope}. */
    public String error() {
      return "insufficient_scope";
    }

    /** The needed permission as the API reference writes it, {@code items(w)}. */
    public String scope() {
      return needed.scopeLabel();
    }
  }

  /** The request is ambiguous or cannot be decoded: 400 {@code invalid_request} with this message. */
  public record Malformed(String message) implements Result {}

  /** Decides one request; never throws for anything the client sent. */
  public static Result decide(Grants grants, AccessRequirement template, RequestValues request) {
    Objects.requireNonNull(grants, "grants");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(request, "request");
    String resource;
    try {
      resource = resource(template.source(), request);
    } catch (MalformedException e) {
      return new Malformed(e.getMessage() == null ? "The request could not be parsed." : e.getMessage());
    }
    Requirement needed = template.on(resource);
    return grants.allows(needed) ? new Allowed(needed) : new Forbidden(needed);
  }

  /**
   * The container groups the grants imply, the same relation {@link #decide} uses: {@code scope(op)}
   * for every named scope whose operation the grants allow on every resource (so {@code items(rw)}
   * also yields {@code items(r)} and {@code items(w)}, and {@code items(r)} plus {@code items(w)} on
   * every resource yield {@code items(rw)}). Permissions limited to some resources yield none, since
   * a role cannot say which resource; the wildcard scope names no group of its own.
   */
  public static Set<String> scopeGroups(Grants grants) {
    Set<String> scopes = new LinkedHashSet<>();
    for (Permission p : grants.permissions()) {
      if (!p.scope().equals(Permission.ANY) && p.resources().contains(Permission.ANY)) {
        scopes.add(p.scope());
      }
    }
    Set<String> groups = new LinkedHashSet<>();
    for (String s : scopes) {
      for (Operation op : new Operation[] {Operation.READ_WRITE, Operation.READ, Operation.WRITE}) {
        if (grants.allows(s, op, null)) {
          groups.add(s + "(" + op.code() + ")");
        }
      }
    }
    return groups;
  }

  private static @Nullable String resource(ResourceSource source, RequestValues request) {
    String name = source.name();
    switch (source.kind()) {
      case QUERY: {
        String raw = request.rawQuery();
        String found = null;
        if (raw != null && !raw.isEmpty()) {
          for (Param p : FormCodec.decode(raw)) {
            if (p.name().equals(name)) {
              if (found != null) {
                throw new MalformedException("The query parameter " + name + " appears more than once.");
              }
              found = p.value();
            }
          }
        }
        return blankToNull(found);
      }
      case PATH:
        return blankToNull(single(request.pathVariable(name), "path variable " + name));
      case HEADER: {
        String v = single(request.headers(name), "header " + name);
        return v == null ? null : blankToNull(v.strip());
      }
      default:
        return null;
    }
  }

  private static @Nullable String single(@Nullable List<String> values, String what) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new MalformedException("The " + what + " appears more than once.");
    }
    return values.get(0);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
