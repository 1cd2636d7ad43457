package dev.portcullis.demo;

import static dev.portcullis.demo.DemoClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.demo.contacts.ContactsApi;
import dev.portcullis.testing.DigestCrafter;
import dev.portcullis.testing.servers.PostgresServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo on PostgreSQL with the database taken away and brought back, without restarting the
 * node: every API fails closed with 503 and a JSON body (the Digest filter, the JAX-RS gate, the
 * token endpoint, the OAuth endpoints), never a 500 or a pass, and serves again once the pool
 * reconnects. What the node's read cache fetched less than its TTL (1 s) ago is still served in
 * that second, as the cache promises; after it, 503.
 */
class DemoPostgresOutageTest {
  private static final String DIGEST_USER = ContactsApi.API_KEY + "%ctct_customer";

  @TempDir Path keys;

  @Test
  void aStoppedDatabaseIs503EverywhereAndTheNodeRecoversWhenItReturns() throws Exception {
    try (PostgresServer pg = PostgresServer.create()) {
      DemoSettings settings = DemoSettings.builder().httpPort(0).httpsPort(0).dataDir(keys).nodeName("outage")
          .store(DemoSettings.Store.JDBC).jdbc(pg.jdbcUrl(), pg.user(), null).build();
      try (DemoServer node = DemoServer.start(settings)) {
        DemoClient client = new DemoClient(node);
        String items = client.https("/v2/items?key=key_demo_index");
        assertThat(client.get(items, basic("demo_api_token")).statusCode()).isEqualTo(200);

        pg.stop();
        long stopped = System.nanoTime();
        try {
          // the account token's lookup, cached a moment ago, may still answer within its TTL; the
          // first request after it waits out the pool's 2 s connection timeout and gets 503
          long lastServed = -1;
          HttpResponse<String> r;
          while (true) {
            long sent = System.nanoTime() - stopped;
            r = client.get(items, basic("demo_api_token"));
            if (r.statusCode() != 200 || sent > 5_000_000_000L) {
              break;
            }
            lastServed = sent / 1_000_000;
            Thread.sleep(50);
          }
          assertUnavailable(r);
          System.out.println("[outage] token lookup served from the cache until " + lastServed
              + " ms after the stop, then 503");
          assertThat(lastServed).as("no request sent after the cache's 1 s TTL is served").isLessThan(1_200);
          assertUnavailable(client.send("POST", client.https("/v1/tokens"), basic("demo_api_token"),
              DemoClient.itemsReadToken("x")));
          // the challenge needs no store (stateless nonce); answering it needs the HA1 and the nc window
          String uri = "/ws/customers/ctct_customer/contacts";
          HttpResponse<String> challenge = client.get(client.http(uri), null);
          assertThat(challenge.statusCode()).isEqualTo(401);
          String nonce = DigestCrafter.challenge(challenge.headers().allValues("WWW-Authenticate"), "SHA-256").get("nonce");
          assertUnavailable(client.get(client.http(uri), DigestCrafter.authorization("GET", uri, DIGEST_USER,
              "mypassword", ContactsApi.REALM, "SHA-256", nonce, "00000001", "auth", new byte[0])));
        } finally {
          pg.start();
        }

        int status = 0;
        for (int i = 0; i < 40 && status != 200; i++) {
          status = client.get(items, basic("demo_api_token")).statusCode();
          if (status != 200) {
            Thread.sleep(250);
          }
        }
        assertThat(status).as("the same node serves again once the pool reconnects").isEqualTo(200);
      }
    }
  }

  private static void assertUnavailable(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(r.body()).contains("\"error\"").doesNotContain("Exception").doesNotContain("jdbc:");
  }
}
