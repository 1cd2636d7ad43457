package dev.portcullis.demo;

import static dev.portcullis.demo.DemoClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as a newcomer starts it: a separate JVM, {@code java -jar demo-server.jar} on
 * free ports, the READY line, real requests, then SIGTERM and a clean stop. Runs in failsafe's
 * integration-test phase, after {@code package} has built the shaded jar.
 */
class DemoJarIT {
  private static final Pattern READY = Pattern.compile("READY http=(\\d+) https=(\\d+)");

  @Test
  void jarStartsServesAndStopsOnSigterm() throws Exception {
    String jarProperty = System.getProperty("demo.jar");
    assertThat(jarProperty).as("system property demo.jar (set by the pom)").isNotBlank();
    Path jar = Path.of(jarProperty);
    assertThat(jar).exists();
    Path stderr = Files.createTempFile("demo-server", ".err");
    // stdout goes to a file: reading a pipe races the JVM closing it when the child exits
    Path stdout = Files.createTempFile("demo-server", ".out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--http-port", "0", "--https-port", "0")
        .redirectError(stderr.toFile())
        .redirectOutput(stdout.toFile())
        .start();
    process.getOutputStream().close();
    try {
      String first = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (first == null && System.nanoTime() < deadline && process.isAlive()) {
        List<String> sofar = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        if (!sofar.isEmpty() && sofar.size() > 1) {
          first = sofar.get(0);
        } else {
          Thread.sleep(200);
        }
      }
      Matcher m = READY.matcher(first == null ? "" : first);
      assertThat(m.matches()).as("first stdout line: %s; stderr: %s", first, Files.readString(stderr)).isTrue();
      int http = Integer.parseInt(m.group(1));
      int https = Integer.parseInt(m.group(2));
      assertThat(http).isPositive().isNotEqualTo(https);

      DemoClient client = new DemoClient(http, https);
      HttpResponse<String> search = client.get(client.http("/search/shoe?key=key_demo_index"), null);
      assertThat(search.statusCode()).isEqualTo(200);
      HttpResponse<String> items = client.get(client.https("/v2/items?key=key_demo_index"), basic("demo_api_token"));
      assertThat(items.statusCode()).isEqualTo(200);
      assertThat(items.body()).contains("shoe-1");

      process.destroy(); // SIGTERM
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
      // 143 = 128 + SIGTERM: the JVM's own exit status after running its shutdown hooks
      assertThat(process.exitValue()).isIn(0, 143);
      List<String> rest = Files.readAllLines(stdout, StandardCharsets.UTF_8);
      assertThat(rest).as("credentials, then STOPPED").contains("STOPPED")
          .anySatisfy(l -> assertThat(l).contains("demo_api_token"));
      assertThat(Files.readString(stderr)).doesNotContain("Exception").doesNotContain("\tat ");
    } finally {
      process.destroyForcibly();
      Files.deleteIfExists(stderr);
      Files.deleteIfExists(stdout);
    }
  }
}
