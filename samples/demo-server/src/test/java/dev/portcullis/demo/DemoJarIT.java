package dev.portcullis.demo;

import static dev.portcullis.demo.DemoClient.basic;
import static dev.portcullis.demo.DemoClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a newcomer starts it: a separate JVM, {@code java -jar demo-server.jar} on
 * free ports, the READY line, real requests, then SIGTERM and a clean stop; and the durable default
 * surviving {@code kill -9}. Runs in failsafe's integration-test phase, after {@code package} has
 * built the shaded jar.
 */
class DemoJarIT {
  private static final Pattern READY = Pattern.compile("READY http=(\\d+) https=(\\d+)");
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  @TempDir Path data;

  @Test
  void jarStartsServesAndStopsOnSigterm() throws Exception {
    try (Demo demo = Demo.start(data, "--data", data.toString())) {
      DemoClient client = demo.client();
      HttpResponse<String> search = client.get(client.http("/search/shoe?key=key_demo_index"), null);
      assertThat(search.statusCode()).isEqualTo(200);
      HttpResponse<String> items = client.get(client.https("/v2/items?key=key_demo_index"), basic("demo_api_token"));
      assertThat(items.statusCode()).isEqualTo(200);
      assertThat(items.body()).contains("shoe-1");

      demo.process.destroy(); // SIGTERM
      assertThat(demo.process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
      // 143 = 128 + SIGTERM: the JVM's own exit status after running its shutdown hooks
      assertThat(demo.process.exitValue()).isIn(0, 143);
      List<String> rest = Files.readAllLines(demo.stdout, StandardCharsets.UTF_8);
      assertThat(rest).as("credentials, then STOPPED").contains("STOPPED")
          .anySatisfy(l -> assertThat(l).contains("demo_api_token"));
      String err = Files.readString(demo.stderr);
      assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(err).as("the store line names the node").contains("[node] stores: h2 ");
    }
  }

  @Test
  void aTokenSurvivesKillMinus9OfTheH2Default() throws Exception {
    String token;
    try (Demo first = Demo.start(data, "--data", data.toString(), "--node-name", "k9")) {
      DemoClient client = first.client();
      HttpResponse<String> r = client.send("POST", client.https("/v1/tokens"), basic("demo_api_token"),
          "{\"name\": \"k9\", \"permissions\": [{\"scope\": \"items\", \"operation\": \"r\","
              + " \"resources\": [\"key_demo_index\"]}]}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
      Matcher m = TOKEN.matcher(r.body());
      assertThat(m.find()).isTrue();
      token = m.group(1);
      first.process.destroyForcibly(); // SIGKILL: no shutdown hook, no orderly close of H2
      assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.process.exitValue()).isEqualTo(137);
    }
    try (Demo second = Demo.start(data, "--data", data.toString(), "--node-name", "k9")) {
      DemoClient client = second.client();
      HttpResponse<String> items = client.get(client.https("/v2/items?key=key_demo_index"), bearer(token));
      assertThat(items.statusCode()).as(items.body()).isEqualTo(200);
    }
  }

  /** One demo process, its output in files, killed when closed. */
  private static final class Demo implements AutoCloseable {
    final Process process;
    final Path stdout;
    final Path stderr;
    final int http;
    final int https;

    private Demo(Process process, Path stdout, Path stderr, int http, int https) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
      this.http = http;
      this.https = https;
    }

    static Demo start(Path dir, String... extra) throws Exception {
      String jarProperty = System.getProperty("demo.jar");
      assertThat(jarProperty).as("system property demo.jar (set by the pom)").isNotBlank();
      Path jar = Path.of(jarProperty);
      assertThat(jar).exists();
      Path stderr = Files.createTempFile("demo-server", ".err");
      // stdout goes to a file: reading a pipe races the JVM closing it when the child exits
      Path stdout = Files.createTempFile("demo-server", ".out");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar.toString(), "--http-port", "0", "--https-port", "0"));
      cmd.addAll(List.of(extra));
      Process process = new ProcessBuilder(cmd).directory(dir.toFile())
          .redirectError(stderr.toFile())
          .redirectOutput(stdout.toFile())
          .start();
      process.getOutputStream().close();
      String first = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (first == null && System.nanoTime() < deadline && process.isAlive()) {
        List<String> sofar = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        if (sofar.size() > 1) {
          first = sofar.get(0);
        } else {
          Thread.sleep(200);
        }
      }
      Matcher m = READY.matcher(first == null ? "" : first);
      if (!m.matches()) {
        process.destroyForcibly();
      }
      assertThat(m.matches()).as("first stdout line: %s; stderr: %s", first, Files.readString(stderr)).isTrue();
      int http = Integer.parseInt(m.group(1));
      int https = Integer.parseInt(m.group(2));
      assertThat(http).isPositive().isNotEqualTo(https);
      return new Demo(process, stdout, stderr, http, https);
    }

    DemoClient client() {
      return new DemoClient(http, https);
    }

    @Override
    public void close() throws IOException, InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
      Files.deleteIfExists(stderr);
      Files.deleteIfExists(stdout);
    }
  }
}
