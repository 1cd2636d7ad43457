package dev.portcullis.testing;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Scheme;
import dev.portcullis.core.access.AccessRequirement;
import dev.portcullis.core.access.Grants;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.access.Requirement;
import dev.portcullis.core.access.ResourceSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The cross-adapter access decision table, {@code access-decisions.tsv} beside this class: each
 * adapter's test serves {@link #ENDPOINTS} behind its own wiring, sends every {@link Row} over a
 * real socket and asserts the row's status, challenges and body. The identity is presented with
 * {@link #SCHEME}: {@code Authorization: Grants items:r:k1 items:w:k1}.
 */
public final class AccessTable {
  /** The header a {@code header:} source reads. */
  public static final String HEADER = "X-Key";

  /** The requirement of every endpoint, by path {@code /t/<kind>/<op>} (path sources add {@code /{id}}). */
  public static final Map<String, AccessRequirement> ENDPOINTS = endpoints();

  /** Authenticates {@code Grants <permission>...}; its 403 challenge names the needed scope. */
  public static final Scheme SCHEME = new GrantsScheme();

  private AccessTable() {}

  /** One row of the table. */
  public record Row(String name, String grants, AccessRequirement requirement, String request,
      List<String[]> headers, int status, List<String> challenges, String body) {
    /** The path and query to request, below the application's root. */
    public String target() {
      return endpoint(requirement) + request;
    }

    /** The {@code Authorization} header value. */
    public String authorization() {
      return "Grants " + grants;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The endpoint path of a requirement, {@code /t/query/rw}. */
  public static String endpoint(AccessRequirement r) {
    return "/t/" + r.source().kind().name().toLowerCase(java.util.Locale.ROOT) + "/" + r.operation().code();
  }

  /** Every row, in file order. */
  public static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = AccessTable.class.getResourceAsStream("access-decisions.tsv")) {
      if (in == null) {
        throw new IllegalStateException("access-decisions.tsv is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean header = true;
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        rows.add(parse(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static Row parse(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 8) {
      throw new IllegalStateException("row needs 8 columns: " + line);
    }
    List<String[]> headers = new ArrayList<>();
    if (!f[4].equals("-")) {
      for (String h : f[4].split("\\|")) {
        int colon = h.indexOf(':');
        headers.add(new String[] {h.substring(0, colon).trim(), h.substring(colon + 1).trim()});
      }
    }
    List<String> challenges = f[6].equals("-") ? List.of() : List.of(f[6].split("\\|"));
    return new Row(f[0], f[1], requirement(f[2]), f[3].equals("-") ? "" : f[3], headers,
        Integer.parseInt(f[5]), challenges, f[7]);
  }

  private static AccessRequirement requirement(String text) {
    String[] parts = text.split(" ");
    String label = parts[0];
    int open = label.indexOf('(');
    String scope = label.substring(0, open);
    Operation op = Operation.fromCode(label.substring(open + 1, label.length() - 1));
    String src = parts[1];
    ResourceSource source;
    if (src.equals("none")) {
      source = ResourceSource.NONE;
    } else if (src.startsWith("query:")) {
      source = ResourceSource.query(src.substring(6));
    } else if (src.startsWith("header:")) {
      source = ResourceSource.header(src.substring(7));
    } else if (src.startsWith("path:")) {
      source = ResourceSource.path(src.substring(5));
    } else {
      throw new IllegalStateException("unknown resource source " + src);
    }
    AccessRequirement r = new AccessRequirement(scope, op, source);
    if (!r.equals(ENDPOINTS.get(endpoint(r)))) {
      throw new IllegalStateException("no table endpoint serves " + r);
    }
    return r;
  }

  private static Map<String, AccessRequirement> endpoints() {
    Map<String, AccessRequirement> m = new java.util.LinkedHashMap<>();
    for (Operation op : Operation.values()) {
      for (ResourceSource s : List.of(ResourceSource.NONE, ResourceSource.query("key"),
          ResourceSource.header(HEADER), ResourceSource.path("id"))) {
        AccessRequirement r = new AccessRequirement("items", op, s);
        m.put(endpoint(r), r);
      }
    }
    return Map.copyOf(m);
  }

  /** Parses {@code scope:op:resource ...} ({@code -} for none) into grants. */
  public static Grants grants(String text) {
    List<Permission> perms = new ArrayList<>();
    String t = text.strip();
    if (!t.equals("-") && !t.isEmpty()) {
      // A resource may hold a space ("a b"): split on " <scope>:" boundaries only.
      for (String p : t.split(" (?=[a-z*]+:(?:r|w|rw):)")) {
        String[] g = p.split(":", 3);
        perms.add(new Permission(g[0], Operation.fromCode(g[1]), Set.of(g[2])));
      }
    }
    return Grants.of(perms);
  }

  private static final class GrantsScheme implements Scheme {
    @Override
    public String name() {
      return "Grants";
    }

    @Override
    public Outcome authenticate(AuthRequest request, String credentials) {
      Identity id = new Identity("table", "acct", null, name(), grants(credentials), Set.of(), Map.of());
      return new Outcome.Authenticated(id, List.of());
    }

    @Override
    public List<String> challenges(AuthRequest request, Outcome.@Nullable Rejected cause) {
      return List.of("Grants realm=\"table\"");
    }

    @Override
    public List<String> insufficientScope(Identity identity, Requirement requirement) {
      return List.of("Grants realm=\"table\", error=\"insufficient_scope\", scope=\""
          + requirement.scopeLabel() + "\"");
    }
  }
}
