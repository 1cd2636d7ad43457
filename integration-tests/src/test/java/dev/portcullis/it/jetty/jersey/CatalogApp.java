package dev.portcullis.it.jetty.jersey;

import dev.portcullis.core.Gate;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.memory.InMemoryApiTokenStore;
import dev.portcullis.core.token.BasicTokenScheme;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.jaxrs.PortcullisFeature;
import java.util.Set;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A Jersey application as a team would write it: its resources, and the Portcullis feature over a
 * Basic + Bearer token gate, with unannotated methods refused. Named in web.xml.
 */
public class CatalogApp extends ResourceConfig {
  static final TokenService TOKENS = TokenService.builder()
      .tokenStore(new InMemoryApiTokenStore())
      .accounts(InMemoryAccountStore.builder()
          .account("demo", "demo_api_token", Set.of("key_demo_index"))
          .account("other", "other_api_token", Set.of("key_other_index"))
          .build())
      .allowedScopes(Set.of("items"))
      .build();

  public CatalogApp() {
    Gate gate = Gate.builder()
        .scheme(new BasicTokenScheme(TOKENS, "catalog"))
        .scheme(new BearerTokenScheme(TOKENS, "catalog"))
        .build();
    register(ItemsResource.class);
    register(PortcullisFeature.builder().gate(gate).denyUnannotated(true).build());
  }
}
