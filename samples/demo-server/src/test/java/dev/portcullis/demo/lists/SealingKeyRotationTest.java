package dev.portcullis.demo.lists;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.spi.KeyRing;
import dev.portcullis.demo.DemoKeys;
import dev.portcullis.demo.DemoServer;
import dev.portcullis.demo.DemoSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sealing key rotation on the H2 demo, over real sockets: the seeded consumer secret, sealed at
 * rest with the first key, still signs after a restart where a new key is current and the old one
 * previous; once the old key is dropped without a re-seal, the consumer's requests fail with the
 * safe 500 (docs/key-management.md: a sealing key retires only after a re-seal).
 */
class SealingKeyRotationTest {
  private static final byte[] NONCE = fill(0x01);
  private static final byte[] CSRF = fill(0x02);
  private static final byte[] OLD = fill(0x03);
  private static final byte[] NEW = fill(0x04);

  @TempDir Path data;

  private static byte[] fill(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  private DemoSettings h2(KeyRing sealing) {
    DemoKeys keys = new DemoKeys(KeyRing.of(KeyRing.Kind.HMAC_SHA256, NONCE), KeyRing.of(KeyRing.Kind.HMAC_SHA256, CSRF),
        sealing);
    return DemoSettings.builder().httpPort(0).httpsPort(0).store(DemoSettings.Store.H2).dataDir(data)
        .nodeName("sealing").keys(keys).build();
  }

  private static HttpResponse<String> requestToken(DemoServer node) throws Exception {
    String url = "http://127.0.0.1:" + node.httpPort() + "/1.0/oauth/request_token";
    Map<String, String> params = new HashMap<>(Map.of(
        "oauth_callback", "oob", "oauth_consumer_key", "demo_consumer_key",
        "oauth_nonce", UUID.randomUUID().toString(), "oauth_signature_method", "HMAC-SHA1",
        "oauth_timestamp", Long.toString(System.currentTimeMillis() / 1000), "oauth_version", "1.0"));
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(FormSigner.signedBody(url, params, "demo_consumer_secret", "")))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSecretSealedWithTheOldKeyOpensWhileItIsPrevious() throws Exception {
    try (DemoServer first = DemoServer.start(h2(KeyRing.builder(KeyRing.Kind.AES).current("s1", OLD).build()))) {
      HttpResponse<String> r = requestToken(first);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    KeyRing rotated = KeyRing.builder(KeyRing.Kind.AES).current("s2", NEW).previous("s1", OLD).build();
    try (DemoServer second = DemoServer.start(h2(rotated))) {
      HttpResponse<String> r = requestToken(second);
      assertThat(r.statusCode()).as("sealed with s1, opened with s1 as previous: " + r.body()).isEqualTo(200);
    }
    try (DemoServer retired = DemoServer.start(h2(KeyRing.builder(KeyRing.Kind.AES).current("s2", NEW).build()))) {
      HttpResponse<String> r = requestToken(retired);
      // a server that cannot open its own data is misconfigured: the gate's one safe 500, no detail
      assertThat(r.statusCode()).as("the key that sealed the secret is gone").isEqualTo(500);
      assertThat(r.body()).contains("server_error").doesNotContain("s1").doesNotContain("demo_consumer_secret");
    }
  }
}
