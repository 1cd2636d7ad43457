package dev.portcullis.demo;

import static dev.portcullis.demo.DemoClient.basic;
import static dev.portcullis.demo.DemoClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.demo.contacts.ContactsApi;
import dev.portcullis.testing.DigestCrafter;
import dev.portcullis.testing.servers.PostgresServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two demo nodes on one real PostgreSQL ({@code --jdbc-url}), each with its own pool and stores,
 * sharing only the database and the keys: a token created on A works on B and, revoked on B, is
 * refused on A; a Digest nonce issued by A verifies on B, and a count spent on A is refused on B.
 */
class DemoPostgresNodesTest {
  private static final String USER = ContactsApi.API_KEY + "%ctct_customer";
  private static final String URI = "/ws/customers/ctct_customer/contacts";

  // both nodes read the keys from here: what PORTCULLIS_*_KEY in the environment does for real nodes
  @TempDir Path keys;

  private DemoSettings node(String name, PostgresServer pg) {
    return DemoSettings.builder().httpPort(0).httpsPort(0).dataDir(keys).nodeName(name)
        .store(DemoSettings.Store.JDBC).jdbc(pg.jdbcUrl(), pg.user(), null).build();
  }

  @Test
  void tokensRevocationsNoncesAndSpentCountsAreSharedAcrossNodes() throws Exception {
    PostgresServer pg = PostgresServer.shared();
    try (DemoServer a = DemoServer.start(node("a", pg)); DemoServer b = DemoServer.start(node("b", pg))) {
      DemoClient onA = new DemoClient(a);
      DemoClient onB = new DemoClient(b);
      assertThat(a.stores().description()).startsWith("jdbc jdbc:postgresql://");

      HttpResponse<String> created = onA.send("POST", onA.https("/v1/tokens"), basic("demo_api_token"),
          DemoClient.itemsReadToken("nodes"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      String token = DemoClient.field(created.body(), "token");
      String id = DemoClient.field(created.body(), "id");
      String items = "/v2/items?key=key_demo_index";
      assertThat(onB.get(onB.https(items), bearer(token)).statusCode()).as("made on A, used on B").isEqualTo(200);
      assertThat(onB.send("DELETE", onB.https("/v1/tokens/" + id), basic("demo_api_token"), null).statusCode())
          .isEqualTo(204);
      assertThat(onA.get(onA.https(items), bearer(token)).statusCode()).as("revoked on B, refused on A").isEqualTo(401);

      HttpResponse<String> challenge = onA.get(onA.http(URI), null);
      String nonce = DigestCrafter.challenge(challenge.headers().allValues("WWW-Authenticate"), "SHA-256").get("nonce");
      assertThat(onA.get(onA.http(URI), digest(nonce, "00000001")).statusCode()).isEqualTo(200);
      assertThat(onB.get(onB.http(URI), digest(nonce, "00000002")).statusCode())
          .as("a nonce issued by A verifies on B").isEqualTo(200);
      assertThat(onB.get(onB.http(URI), digest(nonce, "00000001")).statusCode())
          .as("a count spent on A is refused on B").isEqualTo(401);
    }
  }

  private static String digest(String nonce, String nc) {
    return DigestCrafter.authorization("GET", URI, USER, "mypassword", ContactsApi.REALM, "SHA-256", nonce, nc,
        "auth", new byte[0]);
  }
}
