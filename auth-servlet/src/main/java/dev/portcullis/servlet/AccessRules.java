package dev.portcullis.servlet;

import dev.portcullis.core.Denial;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Reason;
import dev.portcullis.core.access.AccessDecision;
import dev.portcullis.core.access.RequestValues;
import dev.portcullis.core.AuthRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Rule}s a servlet-side adapter enforces ({@link AuthFilter}, and the Jakarta Security
 * mechanism when it is given rules), applied one way: the first rule whose method and path match
 * decides, through the core's {@link AccessDecision}; the adapter only supplies the request values.
 * So a request gets the same 400, 403 (with the scheme's {@code insufficient_scope} challenge) or
 * pass from either adapter.
 *
 * <pre>{@code
 * AccessRules rules = AccessRules.of(List.of(Rule.of("GET", "/v2/items", "items", Operation.READ)
 *     .resourceFromQuery("key")), true);
 * Denial refusal = rules.check(gate, identity, request, view); // null: allowed
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AccessRules {
  private final List<Rule> rules;
  private final boolean denyUnmatched;

  private AccessRules(List<Rule> rules, boolean denyUnmatched) {
    this.rules = List.copyOf(rules);
    this.denyUnmatched = denyUnmatched;
  }

  /**
   * The rules, tried in order.
   *
   * @param denyUnmatched whether an authenticated request no rule covers is refused with 403
   */
  public static AccessRules of(List<Rule> rules, boolean denyUnmatched) {
    return new AccessRules(rules, denyUnmatched);
  }

  /** Whether some rule guards {@code request}, so it needs credentials. */
  public boolean guards(HttpServletRequest request) {
    String path = pathOf(request);
    for (Rule r : rules) {
      if (r.match(request.getMethod(), path) != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether there is no rule at all (and unmatched requests pass). */
  public boolean isEmpty() {
    return rules.isEmpty() && !denyUnmatched;
  }

  /**
   * Decides whether {@code identity} may make {@code request}: null when it may, else the refusal to
   * send (400 for a malformed resource id, 403 with the scheme's challenge for a missing permission,
   * 403 {@code access_denied} when no rule covers it and unmatched requests are denied).
   *
   * @param view the request view the identity was authenticated from (its raw query and headers)
   */
  public @Nullable Denial check(Gate gate, Identity identity, HttpServletRequest request, AuthRequest view) {
    return check(gate, identity, request, view, pathOf(request));
  }

  /** As {@link #check(Gate, Identity, HttpServletRequest, AuthRequest)}, for a caller that has the path already. */
  @Nullable Denial check(Gate gate, Identity identity, HttpServletRequest request, AuthRequest view, String path) {
    if (rules.isEmpty() && !denyUnmatched) {
      return null;
    }
    for (Rule r : rules) {
      Map<String, String> vars = r.match(request.getMethod(), path);
      if (vars == null) {
        continue;
      }
      AccessDecision.Result decision = AccessDecision.decide(identity.grants(), r.requirement(),
          new Values(view, vars));
      if (decision instanceof AccessDecision.Malformed m) {
        return Denial.json(400, List.of(), Reason.MALFORMED_REQUEST.code(), m.message());
      }
      if (decision instanceof AccessDecision.Forbidden f) {
        return gate.forbid(identity, f.needed());
      }
      return null;
    }
    return denyUnmatched
        ? Denial.json(403, List.of(), "access_denied", "No access rule allows this request.")
        : null;
  }

  /** The decoded path inside the context, as the container routes it. */
  static String pathOf(HttpServletRequest request) {
    String sp = request.getServletPath();
    String pi = request.getPathInfo();
    String path = sp == null ? "" : sp;
    if (pi != null) {
      path = path + pi;
    }
    return path.isEmpty() ? "/" : path;
  }

  /** The request values an {@link AccessDecision} may read: the rule's path variables, query, headers. */
  private record Values(AuthRequest view, Map<String, String> vars) implements RequestValues {
    @Override
    public List<String> pathVariable(String name) {
      String v = vars.get(name);
      return v == null ? List.of() : List.of(v);
    }

    @Override
    public @Nullable String rawQuery() {
      return view.rawQuery();
    }

    @Override
    public List<String> headers(String name) {
      return view.headers(name);
    }
  }

  @Override
  public String toString() {
    return "AccessRules" + rules + (denyUnmatched ? " denyUnmatched" : "");
  }
}
