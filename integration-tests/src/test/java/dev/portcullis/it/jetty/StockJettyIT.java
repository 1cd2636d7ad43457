package dev.portcullis.it.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.oauth.OAuth10aService;
import dev.portcullis.it.Clients;
import dev.portcullis.it.Http;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The samples/servlet-war WAR on a stock Jetty 12 distribution (jetty-home from Maven Central, as
 * unpacked by the build): a fresh jetty.base with only the {@code http} and {@code ee10-deploy}
 * modules, the WAR copied into {@code webapps/}, Jetty started as its own process with
 * {@code java -jar start.jar}. Then a Digest, an OAuth 1.0a and a Bearer request.
 */
class StockJettyIT {
  static final String API_KEY = "7f2b9c4e-1a3d-4e5f-8b6a-9c0d1e2f3a4b";
  static final long START_SECONDS = 120;

  @TempDir static Path base;
  static Process jetty;
  static URI root;

  @BeforeAll
  static void start() throws Exception {
    Path home = Paths.get(System.getProperty("it.jetty-home", "target/jetty-home"));
    Path war = Paths.get(System.getProperty("it.servlet-war", "target/wars/servlet-war.war"));
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String startJar = home.resolve("start.jar").toString();

    Process setup = new ProcessBuilder(java, "-jar", startJar, "jetty.home=" + home, "jetty.base=" + base,
        "--add-modules=http,ee10-deploy").redirectErrorStream(true).start();
    String setupOut = drain(setup);
    assertThat(setup.waitFor(START_SECONDS, TimeUnit.SECONDS)).as("jetty.base setup").isTrue();
    assertThat(setup.exitValue()).as(setupOut).isZero();
    Files.copy(war, base.resolve("webapps").resolve("servlet-war.war"));

    jetty = new ProcessBuilder(java, "-jar", startJar, "jetty.home=" + home, "jetty.base=" + base,
        "jetty.http.host=127.0.0.1", "jetty.http.port=0").redirectErrorStream(true).start();
    root = URI.create("http://127.0.0.1:" + awaitPort(jetty) + "/servlet-war");
  }

  @AfterAll
  static void stop() throws Exception {
    if (jetty != null) {
      jetty.destroy();
      if (!jetty.waitFor(30, TimeUnit.SECONDS)) {
        jetty.destroyForcibly();
      }
    }
  }

  /** Reads Jetty's log until the server has started; returns the port its connector bound. */
  private static int awaitPort(Process p) throws Exception {
    List<String> seen = new ArrayList<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        int bound = -1;
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (seen) {
            seen.add(line);
          }
          int at = line.indexOf("{127.0.0.1:");
          if (line.contains("Started ServerConnector") && at >= 0) {
            bound = Integer.parseInt(line.substring(at + 11, line.indexOf('}', at)));
          }
          if (line.contains("Started oejs.Server") && bound > 0) {
            port.complete(bound);
          }
        }
        port.completeExceptionally(new IllegalStateException("Jetty exited before it started"));
      } catch (IOException | RuntimeException e) {
        port.completeExceptionally(e);
      }
    }, "stock-jetty-log");
    reader.setDaemon(true);
    reader.start();
    try {
      return port.get(START_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      synchronized (seen) {
        throw new AssertionError("stock Jetty did not start:\n" + String.join("\n", seen), e);
      }
    }
  }

  private static String drain(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void webAppDeployedAndDigestAnswers() throws Exception {
    URI u = URI.create(root + "/ws/customers/ctct_customer/contacts");
    try (CloseableHttpClient c = Clients.digest(u, API_KEY + "%ctct_customer", "mypassword")) {
      Clients.Answer a = Clients.execute(c, new HttpGet(u));
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body()).contains("\"principal\":\"ctct_customer\"", "\"auth_type\":\"DIGEST\"");
      assertThat(a.authenticationInfo()).contains("rspauth=");
    }
  }

  @Test
  void oauthSignedRequestAnswersAndAnotherAccountIsForbidden() throws Exception {
    OAuth10aService s = Clients.oauth("demo_consumer_key", "demo_consumer_secret");
    URI u = URI.create(root + "/1.0/accounts/1/lists/500000000/campaigns");
    Response ok = Clients.signedGet(s, "demo_access_token", "demo_access_secret", u);
    assertThat(ok.getCode()).isEqualTo(200);
    assertThat(ok.getBody()).contains("\"principal\":\"demo_user\"", "\"auth_type\":\"OAuth\"");
    assertThat(Clients.signedGet(s, "other_access_token", "other_access_secret", u).getCode()).isEqualTo(403);
  }

  @Test
  void bearerAnswersAndNoCredentialsGetTheChallenges() throws Exception {
    HttpResponse<String> ok = Http.get(URI.create(root + "/v2/items?key=key_demo_index"),
        "Authorization", "Bearer demo_api_token");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("\"principal\":\"demo\"", "\"auth_type\":\"Bearer\"");

    HttpResponse<String> none = Http.get(URI.create(root + "/v2/items?key=key_demo_index"));
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().allValues("WWW-Authenticate")).hasSize(2);
  }
}
