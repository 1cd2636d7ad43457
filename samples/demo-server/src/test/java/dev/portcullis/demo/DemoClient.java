package dev.portcullis.demo;

import dev.portcullis.testing.TrustAllTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A JDK HttpClient against a running {@link DemoServer}: trusts the self-signed certificate (the
 * server generates a new one each start, so the test cannot pin it) and builds requests with
 * Basic or Bearer credentials.
 */
public final class DemoClient {
  private final HttpClient client;
  private final String http;
  private final String https;

  public DemoClient(DemoServer server) {
    this(server.httpPort(), server.httpsPort());
  }

  public DemoClient(int httpPort, int httpsPort) {
    this.http = "http://127.0.0.1:" + httpPort;
    this.https = "https://127.0.0.1:" + httpsPort;
    this.client = HttpClient.newBuilder()
        .sslContext(TrustAllTls.context())
        .connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  public static String basic(String token) {
    return "Basic " + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public static String bearer(String token) {
    return "Bearer " + token;
  }

  /**
   * The string value of the first {@code "name": "value"} in a small JSON answer (a token, an API
   * key, a consumer), read without a JSON library.
   *
   * @throws AssertionError if there is none
   */
  public static String field(String json, String name) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(
        "\"" + java.util.regex.Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new AssertionError("no " + name + " in " + json);
    }
    return m.group(1);
  }

  public String http(String path) {
    return http + path;
  }

  public String https(String path) {
    return https + path;
  }

  /** Sends a request; {@code authorization} and {@code json} may be null. */
  public HttpResponse<String> send(String method, String url, String authorization, String json,
      String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
    return send("GET", url, authorization, null);
  }

  /**
   * The body of {@code POST /v1/tokens} for a token named {@code name} that may read the items of
   * {@code key_demo_index}, the demo account's index.
   */
  public static String itemsReadToken(String name) {
    return "{\"name\": \"" + name + "\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\","
        + " \"resources\": [\"key_demo_index\"]}]}";
  }
}
