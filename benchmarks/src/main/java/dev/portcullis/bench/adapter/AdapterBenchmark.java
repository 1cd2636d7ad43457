package dev.portcullis.bench.adapter;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.jaxrs.PortcullisFeature;
import dev.portcullis.jaxrs.RequiresScope;
import dev.portcullis.servlet.AuthFilter;
import dev.portcullis.servlet.Rule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The adapter path users run, not the core alone: one API-token request through the servlet
 * {@link AuthFilter} and through the JAX-RS filters {@link PortcullisFeature} registers, each op
 * with a fresh request (and response) object as a container makes them.
 *
 * <ul>
 *   <li>{@code servlet}: {@code AuthFilter} over a {@link BenchServletRequest}; for {@code bearer}
 *       the rule {@code GET /items/{key} items(r) path:key} with {@code denyUnmatched}, so a rule
 *       that stopped matching fails the benchmark instead of skipping the check.
 *   <li>{@code jaxrs}: the feature's request filters, taken from its {@code configure} for the
 *       resource method below ({@code @RequiresScope(items, r, pathParam key)} for bearer, no rule
 *       for basic), over a {@link BenchRequestContext}; then its response filter, which adds
 *       {@code Cache-Control}, is left out (the servlet filter's setHeader is in).
 *   <li>{@code baseline}: only the request/response objects, to subtract.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar AdapterBenchmark -f 1 -prof gc}. The
 * store holds 1,000 tokens so the lookup is not against an empty map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AdapterBenchmark {
  @Param({"basic", "bearer"})
  public String scheme;

  private AuthFilter filter;
  private List<ContainerRequestFilter> jaxrsFilters;
  private Map<String, List<String>> servletHeaders;
  private MultivaluedMap<String, String> jaxrsHeaders;
  private UriInfo uriInfo;
  private String path;
  private final Chain chain = new Chain();

  /** The resource method whose annotations the feature reads. */
  @Path("items")
  public static final class Items {
    @GET
    @Path("{key}")
    @RequiresScope(value = "items", op = "r", query = "", pathParam = "key")
    public String scoped(@PathParam("key") String key) {
      return key;
    }

    @GET
    @Path("open/{key}")
    public String authenticatedOnly(@PathParam("key") String key) {
      return key;
    }
  }

  /** Records that the chain was reached with the authenticated principal. */
  static final class Chain implements FilterChain {
    boolean called;

    @Override
    public void doFilter(ServletRequest request, jakarta.servlet.ServletResponse response) {
      called = ((HttpServletRequest) request).getUserPrincipal() != null;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    TokenService tokens = TokenService.builder()
        .tokenStore(new InMemoryApiTokenStore())
        .accounts(InMemoryAccountStore.builder()
            .account("demo", "demo_api_token", Set.of("key_demo_index", "key_demo_staging"))
            .build())
        .allowedScopes(Set.of("items", "facets"))
        .maxTokensPerAccount(2_000)
        .build();
    List<Permission> perms = List.of(new Permission("items", Operation.READ, Set.of("key_demo_index")));
    IssuedToken token = null;
    for (int i = 0; i < 1_000; i++) {
      token = tokens.admin().create("demo", "bench " + i, perms, null).orElseThrow();
    }
    boolean bearer = scheme.equals("bearer");
    String authorization = bearer ? "Bearer " + token.secret()
        : "Basic " + Base64.getEncoder().encodeToString((token.secret() + ":").getBytes(StandardCharsets.UTF_8));
    Gate gate = Gate.builder()
        .scheme(bearer ? new BearerTokenScheme(tokens, "catalog") : new BasicTokenScheme(tokens, "catalog"))
        .build();
    path = bearer ? "/items/key_demo_index" : "/items/open/key_demo_index";

    AuthFilter.Builder fb = AuthFilter.builder().gate(gate);
    if (bearer) {
      fb.rule(Rule.of("GET", "/items/{key}", "items", Operation.READ).resourceFromPath("key")).denyUnmatched(true);
    }
    filter = fb.build();
    servletHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    servletHeaders.put("host", List.of("api.example.com:8080"));
    servletHeaders.put("authorization", List.of(authorization));
    servletHeaders.put("accept", List.of("application/json"));

    PortcullisFeature feature = PortcullisFeature.builder().gate(gate).build();
    Method m = bearer ? Items.class.getMethod("scoped", String.class)
        : Items.class.getMethod("authenticatedOnly", String.class);
    jaxrsFilters = requestFilters(feature, Items.class, m);
    Map<String, String> h = new HashMap<>();
    h.put("Host", "api.example.com:8080");
    h.put("Authorization", authorization);
    h.put("Accept", "application/json");
    jaxrsHeaders = BenchRequestContext.headers(h);
    MultivaluedHashMap<String, String> params = new MultivaluedHashMap<>();
    params.add("key", "key_demo_index");
    uriInfo = BenchRequestContext.uriInfo(URI.create("http://api.example.com:8080" + path), params);

    if (servlet() != 200 || jaxrs() != null) {
      throw new IllegalStateException("benchmark setup does not authenticate");
    }
  }

  /** The request filters {@code feature} registers for {@code method}, in priority order. */
  static List<ContainerRequestFilter> requestFilters(DynamicFeature feature, Class<?> resource, Method method) {
    record Registered(ContainerRequestFilter filter, int priority) {}
    List<Registered> got = new ArrayList<>();
    FeatureContext[] self = new FeatureContext[1];
    self[0] = (FeatureContext) Proxy.newProxyInstance(AdapterBenchmark.class.getClassLoader(),
        new Class<?>[] {FeatureContext.class}, (proxy, m, args) -> {
          if (m.getName().equals("register") && args.length == 2 && args[1] instanceof Integer p
              && args[0] instanceof ContainerRequestFilter f) {
            got.add(new Registered(f, p));
            return self[0];
          }
          throw new UnsupportedOperationException("FeatureContext." + m.getName());
        });
    ResourceInfo info = new ResourceInfo() {
      @Override public Method getResourceMethod() { return method; }
      @Override public Class<?> getResourceClass() { return resource; }
    };
    feature.configure(info, self[0]);
    got.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
    List<ContainerRequestFilter> out = new ArrayList<>();
    for (Registered r : got) {
      out.add(r.filter());
    }
    return out;
  }

  /** Runs the servlet filter once; the status, or -1 when the chain was not reached. */
  int servlet() throws Exception {
    BenchServletRequest req = new BenchServletRequest("GET", path, null, "api.example.com", 8080, servletHeaders);
    BenchServletResponse res = new BenchServletResponse();
    chain.called = false;
    filter.doFilter(req, res, chain);
    return chain.called ? res.getStatus() : -1;
  }

  /** Runs the JAX-RS request filters once; null when the request went through, else the abort. */
  Object jaxrs() throws Exception {
    BenchRequestContext ctx = new BenchRequestContext("GET", uriInfo, jaxrsHeaders);
    for (ContainerRequestFilter f : jaxrsFilters) {
      f.filter(ctx);
      if (ctx.aborted() != null) {
        return ctx.aborted();
      }
    }
    return ctx.getSecurityContext() == null || ctx.getSecurityContext().getUserPrincipal() == null
        ? "not authenticated" : null;
  }

  @Benchmark
  public int servletFilter() throws Exception {
    return servlet();
  }

  @Benchmark
  public Object jaxrsFilters() throws Exception {
    return jaxrs();
  }

  /** The request and response objects alone (subtract from servletFilter). */
  @Benchmark
  public Object servletBaseline() {
    BenchServletRequest req = new BenchServletRequest("GET", path, null, "api.example.com", 8080, servletHeaders);
    req.setAttribute("x", req);
    return new Object[] {req, new BenchServletResponse()};
  }

  /** The request context alone (subtract from jaxrsFilters). */
  @Benchmark
  public Object jaxrsBaseline() {
    BenchRequestContext ctx = new BenchRequestContext("GET", uriInfo, jaxrsHeaders);
    ctx.setProperty("x", ctx);
    return ctx;
  }
}
