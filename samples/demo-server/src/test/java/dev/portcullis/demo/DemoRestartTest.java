package dev.portcullis.demo;

import static dev.portcullis.demo.DemoClient.basic;
import static dev.portcullis.demo.DemoClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.demo.contacts.ContactsApi;
import dev.portcullis.testing.DigestCrafter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable default as a newcomer meets it: a token created through {@code POST /v1/tokens} and a
 * Digest nonce still work after the server is stopped and started again on the same data directory
 * (a real restart over sockets, new ports, new stores, only the files kept), and a spent nonce count
 * stays spent. In memory the same token is gone.
 */
class DemoRestartTest {
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");
  private static final String USER = ContactsApi.API_KEY + "%ctct_customer";
  private static final String URI = "/ws/customers/ctct_customer/contacts";

  @TempDir Path data;

  private static DemoSettings h2(Path dir) {
    return DemoSettings.builder().httpPort(0).httpsPort(0).store(DemoSettings.Store.H2).dataDir(dir)
        .nodeName("restart-test").build();
  }

  @Test
  void aTokenANonceAndASpentNonceCountSurviveARestartOnTheSameDataDirectory() throws Exception {
    String token;
    String nonce;
    try (DemoServer first = DemoServer.start(h2(data))) {
      DemoClient client = new DemoClient(first);
      token = createToken(client);
      assertThat(client.get(client.https("/v2/items?key=key_demo_index"), bearer(token)).statusCode()).isEqualTo(200);
      HttpResponse<String> challenge = client.get(client.http(URI), null);
      assertThat(challenge.statusCode()).isEqualTo(401);
      nonce = DigestCrafter.challenge(challenge.headers().allValues("WWW-Authenticate"), "SHA-256").get("nonce");
      assertThat(client.get(client.http(URI), digest(nonce, "00000001")).statusCode()).isEqualTo(200);
    }
    assertThat(Files.getPosixFilePermissions(data.resolve(DemoKeys.FILE)))
        .as("the keys file is the owner's only").isEqualTo(PosixFilePermissions.fromString("rw-------"));

    try (DemoServer second = DemoServer.start(h2(data))) {
      DemoClient client = new DemoClient(second);
      HttpResponse<String> items = client.get(client.https("/v2/items?key=key_demo_index"), bearer(token));
      assertThat(items.statusCode()).as(items.body()).isEqualTo(200);
      assertThat(client.get(client.https("/v1/tokens"), basic("demo_api_token")).body())
          .as("one token, not a second copy of the seed").contains("\"restart\"");
      assertThat(client.get(client.http(URI), digest(nonce, "00000002")).statusCode())
          .as("the nonce key was kept: a nonce issued before the restart verifies").isEqualTo(200);
      assertThat(client.get(client.http(URI), digest(nonce, "00000001")).statusCode())
          .as("and the count it spent before the restart stays spent").isEqualTo(401);
      assertThat(client.get(client.https("/v2/items?key=key_demo_index"), basic("demo_api_token")).statusCode())
          .as("seeded accounts still work after a second start").isEqualTo(200);
    }
  }

  @Test
  void inMemoryARestartForgetsTheToken() throws Exception {
    DemoSettings memory = DemoSettings.builder().httpPort(0).httpsPort(0).store(DemoSettings.Store.MEMORY).build();
    String token;
    try (DemoServer first = DemoServer.start(memory)) {
      token = createToken(new DemoClient(first));
    }
    try (DemoServer second = DemoServer.start(memory)) {
      DemoClient client = new DemoClient(second);
      assertThat(client.get(client.https("/v2/items?key=key_demo_index"), bearer(token)).statusCode()).isEqualTo(401);
    }
  }

  private static String createToken(DemoClient client) throws Exception {
    HttpResponse<String> r = client.send("POST", client.https("/v1/tokens"), basic("demo_api_token"),
        DemoClient.itemsReadToken("restart"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    Matcher m = TOKEN.matcher(r.body());
    assertThat(m.find()).as(r.body()).isTrue();
    return m.group(1);
  }

  private static String digest(String nonce, String nc) {
    return DigestCrafter.authorization("GET", URI, USER, "mypassword", ContactsApi.REALM, "SHA-256", nonce, nc,
        "auth", new byte[0]);
  }
}
