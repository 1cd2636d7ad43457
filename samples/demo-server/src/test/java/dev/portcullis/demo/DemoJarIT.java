package dev.portcullis.demo;

import static dev.portcullis.demo.DemoClient.basic;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar as a newcomer starts it: a separate JVM, {@code java -jar demo-server.jar} on
 * free ports, the READY line, real requests, then SIGTERM and a clean stop. (The durable default
 * surviving {@code kill -9}, with every kind of state, is in {@code lists.DemoFleetIT}.) Runs in
 * failsafe's integration-test phase, after {@code package} has built the shaded jar.
 */
class DemoJarIT {
  @TempDir Path data;

  @Test
  void jarStartsServesAndStopsOnSigterm() throws Exception {
    try (DemoProcess demo = DemoProcess.start(data, "--data", data.toString())) {
      DemoClient client = demo.client();
      HttpResponse<String> search = client.get(client.http("/search/shoe?key=key_demo_index"), null);
      assertThat(search.statusCode()).isEqualTo(200);
      HttpResponse<String> items = client.get(client.https("/v2/items?key=key_demo_index"), basic("demo_api_token"));
      assertThat(items.statusCode()).isEqualTo(200);
      assertThat(items.body()).contains("shoe-1");

      demo.process().destroy(); // SIGTERM
      assertThat(demo.process().waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
      // 143 = 128 + SIGTERM: the JVM's own exit status after running its shutdown hooks
      assertThat(demo.process().exitValue()).isIn(0, 143);
      List<String> rest = demo.stdout();
      assertThat(rest).as("credentials, then STOPPED").contains("STOPPED")
          .anySatisfy(l -> assertThat(l).contains("demo_api_token"));
      String err = demo.stderr();
      assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat(err).as("the store line names the node").contains("[node] stores: h2 ");
    }
  }
}
