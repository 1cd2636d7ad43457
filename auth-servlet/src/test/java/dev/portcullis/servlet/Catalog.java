package dev.portcullis.servlet;

import dev.portcullis.core.Gate;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.TokenService;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The catalog API of shared/spec/demo-api.md (API 3) as a servlet app would protect it: the demo
 * accounts, the Basic and Bearer token schemes over HTTPS, and the permission table as rules.
 */
final class Catalog {
  static final String RULES = String.join("\n",
      "# the demo's API 3 permission table",
      "GET    /v2/items              items(r)     query:key",
      "POST   /v2/items              items(w)     query:key",
      "PUT    /v2/items/{id}         items(w)     query:key",
      "DELETE /v2/items/{id}         items(w)     query:key",
      "GET    /v1/facets             facets(r)    query:key",
      "PUT    /v1/facets/{name}      facets(w)    query:key",
      "GET    /v1/redirect_rules     redirects(r) query:key",
      "POST   /v1/redirect_rules     redirects(w) query:key");
  static final String PUBLIC_PATHS =
      "/search/*, /autocomplete/*, /browse/{filter}/{value} /recommendations/v1/pods/{podId}";

  private Catalog() {}

  static TokenService tokens(Clock clock) {
    return TokenService.builder()
        .tokenStore(new InMemoryApiTokenStore())
        .accounts(InMemoryAccountStore.builder()
            .account("demo", "demo_api_token", Set.of("key_demo_index", "key_demo_staging"))
            .account("other", "other_api_token", Set.of("key_other_index"))
            .build())
        .allowedScopes(Set.of("items", "facets", "redirects"))
        .clock(clock)
        .build();
  }

  static Gate gate(TokenService tokens, String realm) {
    return Gate.builder()
        .scheme(new BasicTokenScheme(tokens, realm))
        .scheme(new BearerTokenScheme(tokens, realm))
        .requireSecure(true)
        .build();
  }

  /** The builder with the catalog's public paths and rules, as code. */
  static AuthFilter.Builder filter(Gate gate) {
    AuthFilter.Builder b = AuthFilter.builder().gate(gate);
    for (String p : InitParams.words(PUBLIC_PATHS)) {
      b.publicPath(p);
    }
    return b
        .rule(Rule.of("GET", "/v2/items", "items", Operation.READ).resourceFromQuery("key"))
        .rule(Rule.of("POST", "/v2/items", "items", Operation.WRITE).resourceFromQuery("key"))
        .rule(Rule.of("PUT", "/v2/items/{id}", "items", Operation.WRITE).resourceFromQuery("key"))
        .rule(Rule.of("DELETE", "/v2/items/{id}", "items", Operation.WRITE).resourceFromQuery("key"))
        .rule(Rule.of("GET", "/v1/facets", "facets", Operation.READ).resourceFromQuery("key"))
        .rule(Rule.of("PUT", "/v1/facets/{name}", "facets", Operation.WRITE).resourceFromQuery("key"))
        .rule(Rule.of("GET", "/v1/redirect_rules", "redirects", Operation.READ).resourceFromQuery("key"))
        .rule(Rule.of("POST", "/v1/redirect_rules", "redirects", Operation.WRITE).resourceFromQuery("key"));
  }

  /** The {@code web.xml} route: a factory the filter instantiates by class name. */
  public static final class GateFactoryImpl implements GateFactory {
    public GateFactoryImpl() {}

    @Override
    public Gate create(Map<String, String> initParams) {
      return gate(tokens(Clock.systemUTC()), initParams.getOrDefault("realm", "catalog"));
    }
  }
}
