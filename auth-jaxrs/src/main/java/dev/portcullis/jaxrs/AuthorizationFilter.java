package dev.portcullis.jaxrs;

import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.access.AccessDecision;
import dev.portcullis.core.access.AccessRequirement;
import dev.portcullis.core.access.RequestValues;
import dev.portcullis.core.internal.PercentCodec;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Renders the core {@link AccessDecision} for one method's {@link RequiresScope}; runs
 * after {@link AuthenticationFilter} and before JAX-RS reads the entity, so a refused request's
 * body is never read by the resource (a refusal only swallows it, see {@link Denials#abort}).
 * It reads no grants itself: it hands the decision the request's path parameters, raw query and
 * headers. Thread-safe.
 */
final class AuthorizationFilter implements ContainerRequestFilter {
  private final Gate gate;
  private final AccessRequirement requirement;
  private final int swallowLimit;

  AuthorizationFilter(Gate gate, AccessRule rule, int swallowLimit) {
    this.swallowLimit = swallowLimit;
    this.gate = gate;
    this.requirement = rule.requirement();
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
    AccessDecision.Result decision = AccessDecision.decide(identity.grants(), requirement, new Values(request));
    if (decision instanceof AccessDecision.Malformed m) {
      Denials.abort(request, Denials.json(400, "invalid_request", m.message()), swallowLimit);
    } else if (decision instanceof AccessDecision.Forbidden f) {
      Denials.abort(request, Denials.response(gate.forbid(identity, f.needed())), swallowLimit);
    }
  }

  /** The request values the decision may read; path parameters are decoded strictly here. */
  private record Values(ContainerRequestContext request) implements RequestValues {
    @Override
    public List<String> pathVariable(String name) {
      List<String> raw = request.getUriInfo().getPathParameters(false).get(name);
      if (raw == null) {
        return List.of();
      }
      List<String> decoded = new ArrayList<>(raw.size());
      for (String v : raw) {
        decoded.add(PercentCodec.decode(v, false));
      }
      return decoded;
    }

    @Override
    public @Nullable String rawQuery() {
      return request.getUriInfo().getRequestUri().getRawQuery();
    }

    @Override
    public List<String> headers(String name) {
      List<String> values = request.getHeaders().get(name);
      return values == null ? List.of() : values;
    }
  }
}
