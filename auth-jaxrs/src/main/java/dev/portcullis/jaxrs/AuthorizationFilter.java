package dev.portcullis.jaxrs;

import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.http.FormCodec;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.http.PercentCodec;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks the authenticated identity's grants against one method's {@link RequiresScope}; runs
 * after {@link AuthenticationFilter} and before JAX-RS reads the entity, so a refused request's
 * body is never read by the resource (a refusal only swallows it, see {@link Denials#abort}).
 * Thread-safe.
 */
final class AuthorizationFilter implements ContainerRequestFilter {
  private final Gate gate;
  private final String scope;
  private final Operation operation;
  private final AccessRule.ResourceSource source;
  private final int swallowLimit;

  AuthorizationFilter(Gate gate, AccessRule rule, int swallowLimit) {
    this.swallowLimit = swallowLimit;
    this.gate = gate;
    this.scope = rule.scope();
    this.operation = rule.operation();
    this.source = rule.source();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<Identity> found = Identities.find(request);
    if (found.isEmpty()) {
      // Only reachable if something replaced our authentication filter: fail closed.
      Denials.abort(request, Denials.json(401, "unauthorized", "Authentication is required."), swallowLimit);
      return;
    }
    Identity identity = found.get();
    String resource;
    try {
      resource = resource(request);
    } catch (MalformedException e) {
      Denials.abort(request, Denials.json(400, "invalid_request", e.getMessage()), swallowLimit);
      return;
    }
    Requirement needed = new Requirement(scope, operation, resource);
    if (!allows(identity.grants(), needed)) {
      Denials.abort(request, Denials.response(gate.forbid(identity, needed)), swallowLimit);
    }
  }

  /** {@code rw} needs both halves, which may come from two permissions. */
  static boolean allows(Grants grants, Requirement r) {
    if (r.operation() == Operation.READ_WRITE) {
      return grants.allows(r.scope(), Operation.READ_WRITE, r.resource())
          || grants.allows(r.scope(), Operation.READ, r.resource())
              && grants.allows(r.scope(), Operation.WRITE, r.resource());
    }
    return grants.allows(r);
  }

  /**
   * The resource id the request names, decoded; null when it names none.
   *
   * @throws MalformedException on bad percent-encoding or when the id is given more than once (the
   *     resource method might read another copy than the one checked)
   */
  private @Nullable String resource(ContainerRequestContext request) {
    String name = source.name();
    switch (source.where()) {
      case PATH: {
        List<String> values = request.getUriInfo().getPathParameters(false).get(name);
        String v = single(values, "path parameter " + name);
        return v == null ? null : blankToNull(PercentCodec.decode(v, false));
      }
      case HEADER: {
        String v = single(request.getHeaders().get(name), "header " + name);
        return v == null ? null : blankToNull(v.strip());
      }
      case QUERY: {
        String raw = request.getUriInfo().getRequestUri().getRawQuery();
        String found = null;
        for (Param p : FormCodec.decode(raw)) {
          if (p.name().equals(name)) {
            if (found != null && !found.equals(p.value())) {
              throw new MalformedException("the query parameter " + name + " appears more than once");
            }
            found = p.value();
          }
        }
        return found == null ? null : blankToNull(found);
      }
      default:
        return null;
    }
  }

  private static @Nullable String single(@Nullable List<String> values, String what) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    String first = values.get(0);
    for (int i = 1; i < values.size(); i++) {
      if (!values.get(i).equals(first)) {
        throw new MalformedException("the " + what + " appears more than once");
      }
    }
    return first;
  }

  private static @Nullable String blankToNull(String s) {
    return s.isEmpty() ? null : s;
  }
}
