package dev.portcullis.servlet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A servlet-style path pattern: exact ({@code /health}), prefix ({@code /search/*}), extension
 * ({@code *.css}) or a template with {@code {var}} segments ({@code /ws/customers/{customer}/contacts}).
 *
 * <p>Patterns are split into segments once, at configuration time; matching compares strings
 * segment by segment without regular expressions. Paths given to {@link #match} are the decoded,
 * normalised path inside the context (servlet path plus path info), so {@code /v2/%69tems} and
 * {@code /public/../v2/items} cannot slip past a rule written for {@code /v2/items}.
 *
 * <p>Immutable and thread-safe.
 */
final class PathPattern {
  private enum Kind { EXACT, PREFIX, EXTENSION, TEMPLATE }

  private final String source;
  private final Kind kind;
  private final String literal;
  /** For templates: a literal segment, or null where a variable stands. */
  private final @Nullable String[] segments;
  private final @Nullable String[] variables;

  private PathPattern(String source, Kind kind, String literal, @Nullable String[] segments,
      @Nullable String[] variables) {
    this.source = source;
    this.kind = kind;
    this.literal = literal;
    this.segments = segments;
    this.variables = variables;
  }

  /**
   * Compiles a pattern.
   *
   * @throws IllegalArgumentException if the pattern is empty, does not start with {@code /} (or
   *     {@code *.}), or has a malformed or repeated {@code {var}}
   */
  static PathPattern compile(String pattern) {
    String p = pattern.trim();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("empty path pattern");
    }
    if (p.startsWith("*.")) {
      if (p.length() == 2 || p.indexOf('/') >= 0 || p.indexOf('{') >= 0) {
        throw new IllegalArgumentException("bad extension pattern: " + p);
      }
      return new PathPattern(p, Kind.EXTENSION, p.substring(1), new String[0], new String[0]);
    }
    if (p.charAt(0) != '/') {
      throw new IllegalArgumentException("path pattern must start with '/': " + p);
    }
    if (p.equals("/*")) {
      return new PathPattern(p, Kind.PREFIX, "", new String[0], new String[0]);
    }
    if (p.endsWith("/*")) {
      String prefix = p.substring(0, p.length() - 2);
      if (prefix.indexOf('*') >= 0 || prefix.indexOf('{') >= 0) {
        throw new IllegalArgumentException("a prefix pattern takes no variables or inner '*': " + p);
      }
      return new PathPattern(p, Kind.PREFIX, prefix, new String[0], new String[0]);
    }
    if (p.indexOf('*') >= 0) {
      throw new IllegalArgumentException("'*' only as '/prefix/*' or '*.ext': " + p);
    }
    if (p.indexOf('{') < 0 && p.indexOf('}') < 0) {
      return new PathPattern(p, Kind.EXACT, p, new String[0], new String[0]);
    }
    List<String> parts = split(p);
    String[] segs = new String[parts.size()];
    String[] vars = new String[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      String s = parts.get(i);
      if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) {
        String name = s.substring(1, s.length() - 1);
        if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
          throw new IllegalArgumentException("bad variable in path template: " + p);
        }
        for (String v : vars) {
          if (name.equals(v)) {
            throw new IllegalArgumentException("variable {" + name + "} appears twice in " + p);
          }
        }
        vars[i] = name;
      } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
        throw new IllegalArgumentException("a variable must fill a whole segment: " + p);
      } else {
        segs[i] = s;
      }
    }
    return new PathPattern(p, Kind.TEMPLATE, p, segs, vars);
  }

  /** Whether the template declares the named variable. */
  boolean hasVariable(String name) {
    for (String v : variables) {
      if (name.equals(v)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code path} (decoded, starting with {@code /}) matches. */
  boolean matches(String path) {
    switch (kind) {
      case EXACT:
        return path.equals(literal);
      case PREFIX:
        return literal.isEmpty()
            || path.startsWith(literal)
                && (path.length() == literal.length() || path.charAt(literal.length()) == '/');
      case EXTENSION: {
        int slash = path.lastIndexOf('/');
        return path.endsWith(literal) && path.length() - literal.length() > slash + 1;
      }
      default:
        return matchTemplate(path, null);
    }
  }

  /**
   * Matches {@code path} and puts each variable's segment into {@code vars}; false (and
   * {@code vars} possibly partly filled) when it does not match.
   */
  boolean match(String path, Map<String, String> vars) {
    return kind == Kind.TEMPLATE ? matchTemplate(path, vars) : matches(path);
  }

  private boolean matchTemplate(String path, @Nullable Map<String, String> vars) {
    if (path.isEmpty() || path.charAt(0) != '/') {
      return false;
    }
    int pos = 1;
    int n = path.length();
    for (int i = 0; i < segments.length; i++) {
      if (pos > n) {
        return false;
      }
      int end = path.indexOf('/', pos);
      if (end < 0) {
        end = n;
      }
      String lit = segments[i];
      if (lit != null) {
        if (end - pos != lit.length() || !path.regionMatches(pos, lit, 0, lit.length())) {
          return false;
        }
      } else {
        if (end == pos) {
          return false; // a variable never matches an empty segment
        }
        if (vars != null) {
          vars.put(variables[i], path.substring(pos, end));
        }
      }
      pos = end + 1;
    }
    return pos == n + 1;
  }

  private static List<String> split(String p) {
    List<String> out = new ArrayList<>();
    int pos = 1;
    while (pos <= p.length()) {
      int end = p.indexOf('/', pos);
      if (end < 0) {
        end = p.length();
      }
      out.add(p.substring(pos, end));
      pos = end + 1;
    }
    return out;
  }

  @Override
  public String toString() {
    return source;
  }
}
