package dev.portcullis.demo.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.demo.DemoClient;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import dev.portcullis.demo.contacts.ContactsApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who owns what outlives the process on the durable default: an API key and an OAuth application
 * created through the console's JSON API on an H2 demo are listed again for their account after the
 * server is stopped and started on the same data directory (new ports, new stores, only the files
 * kept), the application's App ID still opens the public-app flow, and the other account sees
 * neither. In memory the same key is gone after a restart, which shows the check can fail.
 */
class ConsoleRestartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEMO = DemoClient.basic("demo_api_token");

  @TempDir Path data;

  private static DemoSettings h2(Path dir) {
    return DemoSettings.builder().httpPort(0).httpsPort(0).store(DemoSettings.Store.H2).dataDir(dir)
        .nodeName("console-restart-test").build();
  }

  @Test
  void aKeyAndAnApplicationCreatedInTheConsoleAreListedAgainAfterARestart() throws Exception {
    String apiKey;
    String consumerKey;
    String appId;
    try (DemoServer first = DemoServer.start(h2(data))) {
      DemoClient client = new DemoClient(first);
      HttpResponse<String> key = call(client, "POST", "/api_keys", "{\"name\":\"survives a restart\"}");
      assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
      apiKey = JSON.readTree(key.body()).get("api_key").asText();
      HttpResponse<String> app = call(client, "POST", "/oauth_apps",
          "{\"name\":\"durable app\",\"callbacks\":[\"oob\"]}");
      assertThat(app.statusCode()).as(app.body()).isEqualTo(201);
      consumerKey = JSON.readTree(app.body()).get("consumer_key").asText();
      appId = JSON.readTree(app.body()).get("app_id").asText();
      assertThat(apiKeys(client)).contains(apiKey);
    }

    try (DemoServer second = DemoServer.start(h2(data))) {
      DemoClient client = new DemoClient(second);
      assertThat(apiKeys(client)).as("the key and the seeded ones, each once")
          .containsOnlyOnce(apiKey, ContactsApi.API_KEY, ContactsApi.DISABLED_API_KEY);
      HttpResponse<String> apps = call(client, "GET", "/oauth_apps", null);
      assertThat(apps.statusCode()).isEqualTo(200);
      JsonNode listed = JSON.readTree(apps.body()).get("oauth_apps");
      List<String> keys = new ArrayList<>();
      listed.forEach(a -> keys.add(a.get("consumer_key").asText()));
      assertThat(keys).containsExactly(consumerKey);
      assertThat(listed.get(0).get("app_id").asText()).as("with its App ID").isEqualTo(appId);
      assertThat(client.get(client.https("/1.0/oauth/authorize_app/" + appId), null).statusCode())
          .as("the public-app flow still finds it").isEqualTo(200);
      assertThat(client.get(client.https("/1.0/oauth/authorize_app/" + (appId.equals("00000000") ? "00000001" : "00000000")), null)
          .statusCode()).as("an App ID nobody claimed").isEqualTo(404);

      String other = DemoClient.basic("other_api_token");
      HttpResponse<String> foreign = client.send("GET", client.https("/v1/console/api_keys"), other, null);
      assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(200);
      assertThat(foreign.body()).doesNotContain(apiKey);
      assertThat(client.send("GET", client.https("/v1/console/oauth_apps"), other, null).body()).doesNotContain(consumerKey);
    }
  }

  @Test
  void inMemoryARestartForgetsTheKey() throws Exception {
    DemoSettings memory = DemoSettings.builder().httpPort(0).httpsPort(0).store(DemoSettings.Store.MEMORY).build();
    String apiKey;
    try (DemoServer first = DemoServer.start(memory)) {
      DemoClient client = new DemoClient(first);
      HttpResponse<String> key = call(client, "POST", "/api_keys", "{\"name\":\"forgotten\"}");
      assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
      apiKey = JSON.readTree(key.body()).get("api_key").asText();
    }
    try (DemoServer second = DemoServer.start(memory)) {
      assertThat(apiKeys(new DemoClient(second))).doesNotContain(apiKey).contains(ContactsApi.API_KEY);
    }
  }

  private static HttpResponse<String> call(DemoClient client, String method, String path, String json) throws Exception {
    return client.send(method, client.https("/v1/console" + path), DEMO, json);
  }

  private static List<String> apiKeys(DemoClient client) throws Exception {
    HttpResponse<String> list = call(client, "GET", "/api_keys", null);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    JSON.readTree(list.body()).get("api_keys").forEach(k -> out.add(k.get("api_key").asText()));
    return out;
  }
}
