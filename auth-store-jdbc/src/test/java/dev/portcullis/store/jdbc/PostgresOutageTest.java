package dev.portcullis.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.core.AuthRequests;
import dev.portcullis.core.Gate;
import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.access.Operation;
import dev.portcullis.core.access.Permission;
import dev.portcullis.core.memory.InMemoryAccountStore;
import dev.portcullis.core.spi.Account;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.core.token.BearerTokenScheme;
import dev.portcullis.core.token.IssuedToken;
import dev.portcullis.core.token.TokenService;
import dev.portcullis.testing.servers.PostgresServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL taken away under live stores: every store fails closed with
 * {@link StoreUnavailableException}, a request through the gate gets 503, and once the server is
 * back the same stores (the same pool) work again.
 */
class PostgresOutageTest {
  private static PostgresServer server;
  private static HikariDataSource pool;

  @BeforeAll
  static void start() {
    server = PostgresServer.create();
    pool = TestDatabases.pool(server);
  }

  @AfterAll
  static void stop() {
    pool.close();
    server.close();
  }

  @Test
  void anOutageFailsClosedWith503AndTheSameStoresRecoverWhenTheServerReturns() throws Exception {
    JdbcStores stores = JdbcStores.builder(pool).passwordIterations(10_000).build();
    stores.migrate();
    stores.accounts().addIfAbsent(new Account("demo", Set.of("k1")), InMemoryAccountStore.sha256("legacy"));
    TokenService tokens = TokenService.builder().tokenStore(stores.apiTokens()).accounts(stores.accounts())
        .allowedScopes(Set.of("items")).clock(Clock.systemUTC()).build();
    Gate gate = Gate.builder().scheme(new BearerTokenScheme(tokens, "api")).build();
    assertThat(stores.credentialOwners().claimApiKey("demo", "k1")).isTrue();
    IssuedToken issued = tokens.admin().create("demo", "ci", List.of(new Permission("items", Operation.READ, Set.of("k1"))), null).orElseThrow();
    assertThat(gate.authenticate(bearer(issued.secret()))).isInstanceOf(Outcome.Authenticated.class);

    server.stop();
    try {
      Outcome during = gate.authenticate(bearer(issued.secret()));
      assertThat(during).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
        assertThat(r.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(r.status()).isEqualTo(503);
      });
      assertThatThrownBy(() -> stores.apiTokens().find(issued.info().id()))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageNotContaining(issued.info().id());
      assertThatThrownBy(() -> stores.replayGuard().firstUse("n1", Duration.ofMinutes(1)))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.consumers().find("ck")).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.oauthTokens().find("t")).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.digestCredentials().ha1("u", "r",
          dev.portcullis.core.spi.digest.DigestAlgorithm.SHA_256)).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.users().authenticate("u", "p".toCharArray()))
          .isInstanceOf(StoreUnavailableException.class);
      // an outage is never answered as "not yours" or "taken": the console must show 503, not a refusal
      assertThatThrownBy(() -> stores.credentialOwners().apiKeys("demo")).isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.credentialOwners().claimApiKey("demo", "k2"))
          .isInstanceOf(StoreUnavailableException.class).hasMessageNotContaining("k2");
      assertThatThrownBy(() -> stores.credentialOwners().claimConsumer("demo", "ck", "bec40eec"))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> stores.credentialOwners().find("bec40eec")).isInstanceOf(StoreUnavailableException.class);
    } finally {
      server.start();
    }

    // Hikari replaces the connections the restart broke; no store is rebuilt. Its first checkout
    // may still hand out a dead connection, so allow a few attempts rather than a timing.
    Outcome after = null;
    for (int i = 0; i < 20 && !(after instanceof Outcome.Authenticated); i++) {
      after = gate.authenticate(bearer(issued.secret()));
      if (!(after instanceof Outcome.Authenticated)) {
        Thread.sleep(250);
      }
    }
    assertThat(after).isInstanceOf(Outcome.Authenticated.class);
    assertThat(stores.replayGuard().firstUse("n1", Duration.ofMinutes(1))).isTrue();
    assertThat(stores.replayGuard().firstUse("n1", Duration.ofMinutes(1))).isFalse();
    assertThat(stores.credentialOwners().apiKeys("demo")).as("nothing the outage refused was written").containsExactly("k1");
    assertThat(stores.credentialOwners().claimApiKey("demo", "k2")).isTrue();
  }

  private static dev.portcullis.core.AuthRequest bearer(String token) {
    return AuthRequests.builder().method("GET").scheme("https").host("api.example").port(443)
        .rawPath("/v1/items").header("Authorization", "Bearer " + token).secure(true).build();
  }
}
