package dev.portcullis.demo.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.Identity;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.spi.ApiTokenRecord;
import dev.portcullis.core.spi.ApiTokenStore;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.jaxrs.PortcullisSecurityContext;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An unreachable token store makes token management fail closed with 503 and the gate's body,
 * not the 500 of an unexpected failure. (The demo's in-memory store cannot fail, so this drives the
 * resource directly; its normal statuses are tested over sockets in {@link CatalogApiTest}.)
 */
class TokensResourceOutageTest {
  private static final class DownStore implements ApiTokenStore {
    @Override public Saved save(ApiTokenRecord token, int maxLive, Instant now) { throw down(); }
    @Override public Optional<ApiTokenRecord> find(String id) { throw down(); }
    @Override public List<ApiTokenRecord> findByAccount(String account) { throw down(); }
    @Override public boolean revoke(String account, String id) { throw down(); }
    @Override public void touch(String id, Instant usedAt) { throw down(); }

    private static StoreUnavailableException down() {
      return new StoreUnavailableException("token store down");
    }
  }

  private final TokenService tokens = TokenService.builder()
      .tokenStore(new DownStore())
      .accounts(InMemoryAccountStore.builder().account("demo", "demo_api_token", Set.of("key_demo_index")).build())
      .allowedScopes(CatalogApi.SCOPES)
      .build();
  private final TokensResource resource = new TokensResource(tokens, Clock.systemUTC());
  private final PortcullisSecurityContext account = new PortcullisSecurityContext(basicIdentity(), true);

  private Identity basicIdentity() {
    // the account's own token never touches the token store, so it still authenticates
    return ((Outcome.Authenticated) tokens.verifier().verify("demo_api_token", "Basic")).identity();
  }

  @Test
  void createListAndRevokeAnswer503WithTheGatesBody() {
    TokenJson.CreateRequest create = new TokenJson.CreateRequest("ci", List.of(
        new TokenJson.PermissionJson("items", "r", List.of("key_demo_index"))), null);
    for (Response r : List.of(resource.create(account, create), resource.list(account), resource.revoke(account, "x"))) {
      assertThat(r.getStatus()).isEqualTo(503);
      assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
      assertThat(r.getHeaderString("Cache-Control")).isEqualTo("no-store");
      assertThat((String) r.getEntity()).contains("\"status\":503", "\"error\":\"temporarily_unavailable\"").doesNotContain("token store down");
    }
  }
}
