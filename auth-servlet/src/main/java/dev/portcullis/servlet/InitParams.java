package dev.portcullis.servlet;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.http.TrustedProxies;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code web.xml} init-params of an {@link AuthFilter} into a builder, once, at
 * {@code init}. Every problem is an {@link IllegalArgumentException} naming the parameter; the
 * filter wraps it in a {@code ServletException}.
 */
final class InitParams {
  static final String GATE_FACTORY = "gate-factory";
  static final String PUBLIC_PATHS = "public-paths";
  static final String RULES = "rules";
  static final String TRUSTED_PROXIES = "trusted-proxies";
  static final String MAX_BODY_BYTES = "max-body-bytes";
  static final String SWALLOW_LIMIT = "swallow-limit";
  static final String DENY_UNMATCHED = "deny-unmatched";

  private InitParams() {}

  static AuthFilter.Builder parse(Map<String, String> params, @Nullable ClassLoader loader) {
    AuthFilter.Builder b = AuthFilter.builder();
    b.gate(gate(params, loader));
    for (String p : words(params.get(PUBLIC_PATHS))) {
      try {
        b.publicPath(p);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(PUBLIC_PATHS + ": " + e.getMessage(), e);
      }
    }
    String rules = params.get(RULES);
    if (rules != null) {
      int lineNo = 0;
      for (String line : rules.split("\n", -1)) {
        lineNo++;
        String t = line.trim();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        try {
          b.rule(rule(t));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(RULES + " line " + lineNo + " ('" + t + "'): " + e.getMessage(), e);
        }
      }
    }
    AdapterOptions.Builder options = AdapterOptions.builder();
    List<String> proxies = words(params.get(TRUSTED_PROXIES));
    if (!proxies.isEmpty()) {
      try {
        options.trustedProxies(TrustedProxies.of(proxies));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(TRUSTED_PROXIES + ": " + e.getMessage(), e);
      }
    }
    Integer max = bytes(params, MAX_BODY_BYTES);
    if (max != null) {
      try {
        options.maxBodyBytes(max);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(MAX_BODY_BYTES + ": " + e.getMessage(), e);
      }
    }
    Integer swallow = bytes(params, SWALLOW_LIMIT);
    if (swallow != null) {
      try {
        options.swallowLimit(swallow);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(SWALLOW_LIMIT + ": " + e.getMessage(), e);
      }
    }
    b.options(options.build());
    String deny = trimmed(params.get(DENY_UNMATCHED));
    if (deny != null) {
      if (!deny.equals("true") && !deny.equals("false")) {
        throw new IllegalArgumentException(DENY_UNMATCHED + " must be true or false, not '" + deny + "'");
      }
      b.denyUnmatched(Boolean.parseBoolean(deny));
    }
    return b;
  }

  /** Parses {@code METHOD PATH SCOPE(OP) [query:NAME | path:VAR | header:NAME]}. */
  static Rule rule(String line) {
    List<String> w = words(line);
    if (w.size() < 3 || w.size() > 4) {
      throw new IllegalArgumentException("expected 'METHOD PATH scope(op) [query:NAME|path:VAR|header:NAME]'");
    }
    String perm = w.get(2);
    int open = perm.indexOf('(');
    if (open <= 0 || !perm.endsWith(")")) {
      throw new IllegalArgumentException("permission must look like items(r), items(w) or items(rw)");
    }
    Operation op = Operation.fromCode(perm.substring(open + 1, perm.length() - 1));
    Rule r = Rule.of(w.get(0), w.get(1), perm.substring(0, open), op);
    if (w.size() == 4) {
      String src = w.get(3);
      int colon = src.indexOf(':');
      String kind = colon < 0 ? src : src.substring(0, colon);
      String name = colon < 0 ? "" : src.substring(colon + 1);
      switch (kind) {
        case "query":
          return r.resourceFromQuery(name);
        case "path":
          return r.resourceFromPath(name);
        case "header":
          return r.resourceFromHeader(name);
        default:
          throw new IllegalArgumentException("resource source must be query:NAME, path:VAR or header:NAME");
      }
    }
    return r;
  }

  private static Gate gate(Map<String, String> params, @Nullable ClassLoader loader) {
    String name = trimmed(params.get(GATE_FACTORY));
    if (name == null) {
      throw new IllegalArgumentException(GATE_FACTORY + " is required: the class name of a "
          + GateFactory.class.getName() + " implementation");
    }
    Class<?> cls;
    try {
      cls = Class.forName(name, true, loader != null ? loader : InitParams.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalArgumentException(GATE_FACTORY + ": class " + name + " cannot be loaded", e);
    }
    if (!GateFactory.class.isAssignableFrom(cls)) {
      throw new IllegalArgumentException(GATE_FACTORY + ": " + name + " does not implement " + GateFactory.class.getName());
    }
    GateFactory factory;
    try {
      factory = (GateFactory) cls.getConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new IllegalArgumentException(GATE_FACTORY + ": " + name + " needs a public no-arg constructor", e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(GATE_FACTORY + ": the constructor of " + name + " failed", e.getCause());
    }
    Gate gate = factory.create(Map.copyOf(params));
    if (gate == null) {
      throw new IllegalArgumentException(GATE_FACTORY + ": " + name + ".create returned null");
    }
    return gate;
  }

  private static @Nullable Integer bytes(Map<String, String> params, String name) {
    String v = trimmed(params.get(name));
    if (v == null) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number of bytes, not '" + v + "'", e);
    }
  }

  private static @Nullable String trimmed(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }

  /** Splits on commas and white space, dropping empties. */
  static List<String> words(@Nullable String s) {
    List<String> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && sep(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !sep(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  private static boolean sep(char c) {
    return c == ',' || Character.isWhitespace(c);
  }
}
