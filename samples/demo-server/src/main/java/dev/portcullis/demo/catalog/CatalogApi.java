package dev.portcullis.demo.catalog;

import dev.portcullis.core.http.AdapterOptions;
import dev.portcullis.core.Gate;
import dev.portcullis.core.spi.AccountStore;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.demo.DemoApi;
import dev.portcullis.demo.DemoContext;
import dev.portcullis.demo.RemoteAddressFilter;
import dev.portcullis.jaxrs.PortcullisFeature;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;

/**
 * API 3 of shared/spec/demo-api.md: the catalog, a Jersey application protected by Basic (the
 * account's API token) and Bearer (scoped tokens) through {@link PortcullisFeature}, realm
 * {@code catalog}.
 *
 * <p>Wiring, as an adopting team would do it: one {@link TokenService} over the demo's stores
 * (memory, H2 or PostgreSQL, see {@link dev.portcullis.demo.DemoStores}), a
 * {@link Gate} with both schemes that requires HTTPS (forwarding headers count from the configured
 * trusted proxies only), {@code @Public} on the shopper-facing endpoints, {@code @RequiresScope}
 * with the spec's scope table on the private ones, and deny-by-default for anything unannotated.
 * The Jersey servlet is mapped at {@code /*}: the other APIs map longer prefixes, which win.
 *
 * <p>Thread-safe once installed.
 */
public final class CatalogApi implements DemoApi {
  /** The realm of both challenges. */
  public static final String REALM = "catalog";

  private static final String SERVLET_NAME = "catalog";

  /** The scopes a scoped token may name. */
  public static final Set<String> SCOPES = Set.of("items", "facets", "redirects");

  @Override
  public String name() {
    return "catalog";
  }

  @Override
  public void install(DemoContext context) {
    AccountStore accounts = context.stores().accounts(DemoAccounts.seed());
    TokenService.Builder tb = TokenService.builder()
        .tokenStore(context.stores().apiTokens())
        .accounts(accounts)
        .clock(context.clock())
        .allowedScopes(SCOPES);
    // token_created / token_revoked go to the audit log and the metrics, as the gates' events do
    context.security().listeners().forEach(tb::listener);
    TokenService tokens = tb.build();
    // the console (/console) manages these same tokens
    context.shared().put(TokenService.class, tokens);
    context.shared().put(AccountStore.class, accounts);
    Gate gate = context.gate()
        .scheme(new BasicTokenScheme(tokens, REALM))
        .scheme(new BearerTokenScheme(tokens, REALM))
        .requireSecure(true)
        .build();
    Catalog catalog = Catalog.demo();

    ResourceConfig app = new ResourceConfig()
        .register(PublicResource.class)
        .register(ItemsResource.class)
        .register(FacetsResource.class)
        .register(RedirectRulesResource.class)
        .register(TokensResource.class)
        .register(new AbstractBinder() {
          @Override
          protected void configure() {
            bind(catalog).to(Catalog.class);
            bind(tokens).to(TokenService.class);
            bind(context.clock()).to(Clock.class);
          }
        })
        .register(PortcullisFeature.builder()
            .gate(gate)
            .options(AdapterOptions.builder().trustedProxies(context.trustedProxies()).build())
            .denyUnannotated(true)
            .build())
        .register(JacksonFeature.withoutExceptionMappers())
        .register(new JsonSupport())
        .property(ServerProperties.WADL_FEATURE_DISABLE, true)
        // keep our JSON error bodies instead of handing 4xx to the container's error page
        .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true)
        .property(ServerProperties.LOCATION_HEADER_RELATIVE_URI_RESOLUTION_DISABLED, true);
    for (Object mapper : ExceptionMappers.all()) {
      app.register(mapper);
    }

    context.handler().addFilter(new FilterHolder(new RemoteAddressFilter()), "/*",
        EnumSet.of(DispatcherType.REQUEST));
    ServletHolder jersey = new ServletHolder(SERVLET_NAME, new ServletContainer(app));
    jersey.setInitOrder(1);
    context.handler().addServlet(jersey, "/*");
    FilterMapping bodies = new FilterMapping();
    bodies.setFilterName("catalog-bodies");
    bodies.setServletName(SERVLET_NAME);
    bodies.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
    FilterHolder bodyFilter = new FilterHolder(new BodyCapFilter());
    bodyFilter.setName("catalog-bodies");
    context.handler().getServletHandler().addFilter(bodyFilter, bodies);
  }

  @Override
  public List<String> credentialsHelp() {
    return DemoAccounts.help();
  }
}
