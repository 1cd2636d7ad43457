package dev.portcullis.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.spi.ReplayGuard;
import dev.portcullis.core.spi.StoreUnavailableException;
import dev.portcullis.testing.DigestFixture;
import dev.portcullis.testing.servers.RedisServer;
import java.time.Duration;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real faults on a Redis of this class's own: killed (SIGKILL, restarted empty on the same port) and
 * frozen (SIGSTOP). Through a real AuthFilter and a real Digest client the outage is a 503 with the
 * JSON body, never a 500 or an accepted request; the same store works again within 5 s of Redis
 * coming back, with nothing recreated.
 */
class RedisFaultTest {
  private RedisServer server;
  private DigestNode node;

  @BeforeEach
  void start() throws Exception {
    server = RedisServer.startNew();
    node = new DigestNode(server.uri(), RedisFixture.newPrefix());
  }

  @AfterEach
  void stop() throws Exception {
    node.close();
    server.stopAndDelete();
  }

  /** Apache HttpClient 5 answering Digest, without its retry of 503s (which would hide the latency). */
  private CloseableHttpClient digestClientWithoutRetries() {
    BasicCredentialsProvider creds = new BasicCredentialsProvider();
    creds.setCredentials(new AuthScope(node.jetty.baseUri().getHost(), node.jetty.baseUri().getPort()),
        new UsernamePasswordCredentials(DigestFixture.USER, DigestFixture.PASSWORD.toCharArray()));
    return HttpClients.custom().setDefaultCredentialsProvider(creds).disableAutomaticRetries().build();
  }

  private String[] get(CloseableHttpClient client) throws Exception {
    return DigestFixture.execute(client, new HttpGet(node.uri()));
  }

  @Test
  void redisKilledIs503AndTheSameStoreRecoversWithinFiveSecondsOfItsReturn() throws Exception {
    try (CloseableHttpClient client = digestClientWithoutRetries()) {
      assertThat(get(client)[0]).isEqualTo("200");

      server.kill();
      long before = System.nanoTime();
      String[] down = get(client);
      long tookMs = (System.nanoTime() - before) / 1_000_000;
      assertThat(down[0]).isEqualTo("503");
      assertThat(down[1]).contains("\"error\"").doesNotContain("Exception", "at dev.", "Redis");
      System.out.printf("503 while Redis is down answered in %d ms%n", tookMs);
      assertThat(get(client)[0]).as("still down: still 503, never let through").isEqualTo("503");

      server.restart();
      long back = System.nanoTime();
      String status = "503";
      while (!status.equals("200") && System.nanoTime() - back < Duration.ofSeconds(5).toNanos()) {
        Thread.sleep(50);
        status = get(client)[0];
        assertThat(status).as("while reconnecting: 503 or 200, nothing else").isIn("503", "200");
      }
      System.out.printf("200 again %d ms after Redis restarted%n", (System.nanoTime() - back) / 1_000_000);
      assertThat(status).as("recovered within 5 s, same store").isEqualTo("200");
    }
  }

  @Test
  void aFrozenRedisFailsClosedWithinTheCommandTimeoutAndThawsBack() throws Exception {
    ReplayGuard guard = node.redis.replayGuard();
    assertThat(guard.firstUse("before", Duration.ofMinutes(1))).isTrue();
    server.pause();
    try {
      long before = System.nanoTime();
      assertThatThrownBy(() -> guard.firstUse("during", Duration.ofMinutes(1)))
          .isInstanceOf(StoreUnavailableException.class)
          .hasMessageNotContaining("during");
      assertThatThrownBy(() -> guard.firstCount("nonce", 1, 64, Duration.ofMinutes(1)))
          .isInstanceOf(StoreUnavailableException.class);
      long tookMs = (System.nanoTime() - before) / 1_000_000;
      System.out.printf("two commands against a frozen Redis failed after %d ms%n", tookMs);
      // the node's command timeout is 1 s: a request must not hang on a stuck Redis
      assertThat(tookMs).isLessThan(5_000);
    } finally {
      server.resume();
    }
    long back = System.nanoTime();
    boolean ok = false;
    while (!ok && System.nanoTime() - back < Duration.ofSeconds(5).toNanos()) {
      try {
        ok = guard.firstUse("after", Duration.ofMinutes(1));
      } catch (StoreUnavailableException stillRecovering) {
        Thread.sleep(50);
      }
    }
    assertThat(ok).isTrue();
    assertThat(guard.firstUse("before", Duration.ofMinutes(1))).as("state kept across a freeze").isFalse();
  }
}
