package dev.portcullis.demo.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Independent clients against the running demo: curl (the seed's own examples) and Python
 * requests. CI installs both; a machine without them skips the test rather than fake it.
 */
class CatalogInteropTest {
  static DemoServer server;
  static String http;
  static String https;

  @BeforeAll
  static void start() throws Exception {
    server = DemoServer.start(DemoSettings.builder().httpPort(0).httpsPort(0).build());
    http = "http://127.0.0.1:" + server.httpPort();
    https = "https://127.0.0.1:" + server.httpsPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  record Result(int exit, String out) {
    /** The status curl printed on the last line with {@code -w '\n%{http_code}'}. */
    int status() {
      return Integer.parseInt(out.substring(out.lastIndexOf('\n') + 1).trim());
    }

    String body() {
      return out.substring(0, out.lastIndexOf('\n'));
    }
  }

  static Result run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  static boolean available(String... probe) {
    try {
      return run(probe).exit() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static Result curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-k", "-w", "\n%{http_code}"));
    cmd.addAll(List.of(args));
    Result r = run(cmd.toArray(new String[0]));
    assertThat(r.exit()).as(r.out()).isZero();
    return r;
  }

  @Test
  void curl() throws Exception {
    assumeTrue(available("curl", "--version"), "curl is not installed");
    ObjectMapper json = new ObjectMapper();

    assertThat(curl(http + "/search/shoe?key=key_demo_index").status()).isEqualTo(200);
    // the seed's own example: -u "[API token]:"
    Result items = curl("-X", "GET", "-H", "Content-Type: application/json", "-u", "demo_api_token:",
        https + "/v2/items?key=key_demo_staging");
    assertThat(items.status()).isEqualTo(200);
    assertThat(json.readTree(items.body()).path("total_count").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(curl("-u", "demo_api_token:", https + "/v2/items?key=key_other_index").status()).isEqualTo(403);
    assertThat(curl("-u", "demo_api_token:nope", https + "/v2/items?key=key_demo_index").status()).isEqualTo(401);
    assertThat(curl(https + "/v2/items?key=key_demo_index").status()).isEqualTo(401);

    Result created = curl("-u", "demo_api_token:", "-H", "Content-Type: application/json", "-d",
        "{\"name\": \"curl\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\", "
            + "\"resources\": [\"key_demo_index\"]}]}",
        https + "/v1/tokens");
    assertThat(created.status()).isEqualTo(201);
    JsonNode token = json.readTree(created.body());
    String bearer = "Authorization: Bearer " + token.path("token").asText();
    assertThat(curl("-H", bearer, https + "/v2/items?key=key_demo_index").status()).isEqualTo(200);
    Result refused = curl("-i", "-H", bearer, "-H", "Content-Type: application/json", "-d", "{\"name\": \"x\"}",
        https + "/v2/items?key=key_demo_index");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).containsIgnoringCase("WWW-Authenticate: Bearer").contains("insufficient_scope");

    assertThat(curl("-X", "DELETE", "-u", "demo_api_token:", https + "/v1/tokens/" + token.path("id").asText())
        .status()).isEqualTo(204);
    Result revoked = curl("-i", "-H", bearer, https + "/v2/items?key=key_demo_index");
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.body()).contains("invalid_token");
  }

  @Test
  void pythonRequests() throws Exception {
    assumeTrue(available("python3", "-c", "import requests"), "python3 with requests is not installed");
    Path script = Path.of(CatalogInteropTest.class.getResource("/catalog/catalog_requests.py").toURI());
    Result r = run("python3", script.toString(), http, https);
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains("OK 14 checks");
  }
}
