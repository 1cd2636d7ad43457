package dev.portcullis.demo.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.demo.DemoClient;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import dev.portcullis.demo.contacts.ContactsApi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's JSON API on the real demo server with the JDK client: the same actions and rules as
 * the pages, for the account's own API token only.
 */
class ConsoleJsonApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = DemoClient.basic("demo_api_token");
  private static DemoServer server;
  private static DemoClient client;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build());
    client = new DemoClient(server);
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  private static HttpResponse<String> call(String method, String path, String auth, String json) throws Exception {
    return client.send(method, client.https("/v1/console" + path), auth, json);
  }

  @Test
  void apiKeysAreListedCreatedDisabledAndReEnabledAndDigestSeesItAtOnce() throws Exception {
    HttpResponse<String> list = call("GET", "/api_keys", ACCOUNT, null);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(list.body()).contains(ContactsApi.API_KEY, ContactsApi.DISABLED_API_KEY);

    HttpResponse<String> created = call("POST", "/api_keys", ACCOUNT, "{\"name\":\"from the API\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String key = JSON.readTree(created.body()).get("api_key").asText();
    assertThat(call("GET", "/api_keys", ACCOUNT, null).body()).contains(key);

    HttpResponse<String> off = call("POST", "/api_keys/" + ContactsApi.API_KEY + "/disable", ACCOUNT, null);
    assertThat(JSON.readTree(off.body()).get("enabled").asBoolean()).isFalse();
    String contacts = client.http("/ws/customers/ctct_customer/contacts");
    String user = ContactsApi.API_KEY + "%ctct_customer:mypassword";
    assertThat(curlDigest(user, contacts)).isEqualTo("401");
    HttpResponse<String> on = call("POST", "/api_keys/" + ContactsApi.API_KEY + "/enable", ACCOUNT, null);
    assertThat(JSON.readTree(on.body()).get("enabled").asBoolean()).isTrue();
    assertThat(curlDigest(user, contacts)).isEqualTo("200");

    HttpResponse<String> foreign = call("POST", "/api_keys/not-a-key-of-ours/disable", ACCOUNT, null);
    assertThat(foreign.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(foreign.body()).get("error").asText()).isEqualTo("unknown_api_key");
  }

  @Test
  void oauthApplicationsAreRegisteredAndRotatedWithTheSecretShownOnlyInTheAnswer() throws Exception {
    HttpResponse<String> created = call("POST", "/oauth_apps", ACCOUNT,
        "{\"name\":\"API app\",\"callbacks\":[\"oob\",\"https://app.example/cb\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode app = JSON.readTree(created.body());
    String key = app.get("consumer_key").asText();
    String secret = app.get("consumer_secret").asText();
    assertThat(app.get("app_id").asText()).matches("[0-9a-f]{8}");

    HttpResponse<String> list = call("GET", "/oauth_apps", ACCOUNT, null);
    assertThat(list.body()).contains(key, "https://app.example/cb").doesNotContain(secret);

    HttpResponse<String> rotated = call("POST", "/oauth_apps/" + key + "/rotate", ACCOUNT, null);
    assertThat(rotated.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(rotated.body()).get("consumer_secret").asText()).isNotEqualTo(secret);

    HttpResponse<String> badCallback = call("POST", "/oauth_apps", ACCOUNT, "{\"name\":\"x\",\"callbacks\":[\"javascript:alert(1)\"]}");
    assertThat(badCallback.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(badCallback.body()).get("error").asText()).isEqualTo("callback_invalid");

    assertThat(call("GET", "/authorized_apps", ACCOUNT, null).statusCode()).isEqualTo(200);
    assertThat(call("DELETE", "/authorized_apps/" + key, ACCOUNT, null).statusCode()).isEqualTo(404);
  }

  @Test
  void onlyTheAccountsOwnTokenGetsInAndBadBodiesGet400WithoutChangingAnything() throws Exception {
    assertThat(call("GET", "/api_keys", null, null).statusCode()).isEqualTo(401);

    HttpResponse<String> minted = client.send("POST", client.https("/v1/tokens"), ACCOUNT,
        "{\"name\":\"reader\",\"permissions\":[{\"scope\":\"items\",\"operation\":\"r\",\"resources\":[\"key_demo_index\"]}]}");
    assertThat(minted.statusCode()).as(minted.body()).isEqualTo(201);
    String scoped = DemoClient.bearer(JSON.readTree(minted.body()).get("token").asText());
    assertThat(call("GET", "/api_keys", scoped, null).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/api_keys", scoped, "{\"name\":\"escalate\"}").statusCode()).isEqualTo(403);

    int before = JSON.readTree(call("GET", "/api_keys", ACCOUNT, null).body()).get("api_keys").size();
    for (String body : new String[] {"{", "[]", "{\"name\":1}", "{\"name\":\"a\",\"name\":\"b\"}", "{\"name\":\"\"}"}) {
      HttpResponse<String> r = call("POST", "/api_keys", ACCOUNT, body);
      assertThat(r.statusCode()).as(body).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(r.body()).contains("\"error\"").doesNotContain("Exception");
    }
    assertThat(JSON.readTree(call("GET", "/api_keys", ACCOUNT, null).body()).get("api_keys").size()).isEqualTo(before);
    assertThat(call("GET", "/nothing", ACCOUNT, null).statusCode()).isEqualTo(404);
  }

  /** curl's own Digest implementation; answers the status code. */
  private static String curlDigest(String user, String url) throws Exception {
    Process p = new ProcessBuilder("curl", "-sS", "--digest", "-u", user, "-o", "/dev/null", "-w", "%{http_code}", url)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }
}
