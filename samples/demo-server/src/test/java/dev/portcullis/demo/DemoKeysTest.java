package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.spi.KeyRing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoKeysTest {
  @TempDir Path data;

  private static String b64(int fill, int n) {
    byte[] k = new byte[n];
    Arrays.fill(k, (byte) fill);
    return Base64.getEncoder().encodeToString(k);
  }

  @Test
  void ringsFromTheEnvironmentCurrentFirst() {
    Map<String, String> env = new HashMap<>();
    env.put(DemoKeys.DIGEST_NONCE_KEYS_ENV, "n2:" + b64(2, 32) + ", n1:" + b64(1, 32));
    env.put(DemoKeys.CSRF_KEYS_ENV, "c1:" + b64(3, 48));
    env.put(DemoKeys.SECRET_KEYS_ENV, "s2:" + b64(4, 32) + ",s1:" + b64(5, 16));
    DemoKeys keys = DemoKeys.load(null, env::get);
    assertThat(keys.digestNonce().ids()).containsExactly("n2", "n1");
    assertThat(keys.csrf().ids()).containsExactly("c1");
    assertThat(keys.secretSealing().ids()).containsExactly("s2", "s1");
    assertThat(keys.secretSealing().kind()).isEqualTo(KeyRing.Kind.AES);
    assertThat(keys.toString()).isEqualTo("DemoKeys[digestNonce=[n2, n1], csrf=[c1], secretSealing=[s2, s1]]");
  }

  @Test
  void theSingleKeyFormStillWorksAsARingOfOne() {
    Map<String, String> env = new HashMap<>();
    env.put(DemoKeys.DIGEST_NONCE_ENV, b64(2, 32));
    env.put(DemoKeys.CSRF_ENV, b64(3, 32));
    env.put(DemoKeys.SECRET_ENV, b64(4, 32));
    DemoKeys keys = DemoKeys.load(null, env::get);
    assertThat(keys.digestNonce().ids()).containsExactly(KeyRing.derivedId(Base64.getDecoder().decode(b64(2, 32))));
    assertThat(keys.secretSealing().current().secretKey().getEncoded()).isEqualTo(Base64.getDecoder().decode(b64(4, 32)));
  }

  @Test
  void badSettingsAreRefusedWithoutShowingAKey() {
    String secret = b64(9, 32);
    for (String[] bad : new String[][] {
        {DemoKeys.DIGEST_NONCE_KEYS_ENV, "n1:" + b64(9, 31)},       // weak
        {DemoKeys.DIGEST_NONCE_KEYS_ENV, secret},                   // no id
        {DemoKeys.DIGEST_NONCE_KEYS_ENV, "n1:" + secret + ",n1:" + b64(8, 32)}, // id twice
        {DemoKeys.DIGEST_NONCE_KEYS_ENV, "n.1:" + secret},          // bad id
        {DemoKeys.DIGEST_NONCE_KEYS_ENV, "n1:" + secret + "!"},     // not base64
        {DemoKeys.SECRET_KEYS_ENV, "s1:" + b64(9, 20)},             // no AES size
        {DemoKeys.CSRF_ENV, b64(9, 8)}}) {
      Map<String, String> env = Map.of(bad[0], bad[1]);
      assertThatThrownBy(() -> DemoKeys.load(null, env::get)).as(bad[1])
          .isInstanceOf(IllegalStateException.class).hasMessageContaining(bad[0].substring(11, 16))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(bad[1].replaceAll("^[^:]*:", "").substring(0, 8)));
    }
    Map<String, String> both = Map.of(DemoKeys.CSRF_KEYS_ENV, "c1:" + secret, DemoKeys.CSRF_ENV, secret);
    assertThatThrownBy(() -> DemoKeys.load(null, both::get)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("both set").satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
  }

  @Test
  void theFileIsWrittenInTheRingFormAndOlderFilesStillRead() throws Exception {
    DemoKeys first = DemoKeys.load(data, name -> null);
    Properties written = new Properties();
    try (var in = Files.newInputStream(data.resolve(DemoKeys.FILE))) {
      written.load(in);
    }
    assertThat(written.getProperty("digest.nonce.keys")).startsWith("n1:");
    assertThat(written.getProperty("csrf.keys")).startsWith("c1:");
    assertThat(written.getProperty("secret.sealing.keys")).startsWith("s1:");
    DemoKeys again = DemoKeys.load(data, name -> null);
    assertThat(again.digestNonce().current().secretKey().getEncoded())
        .isEqualTo(first.digestNonce().current().secretKey().getEncoded());

    // a file from before rings: one key per kind, no id
    Path old = Files.createDirectory(data.resolve("old"));
    Files.writeString(old.resolve(DemoKeys.FILE), "digest.nonce=" + b64(1, 32) + "\ncsrf=" + b64(2, 32)
        + "\nsecret.sealing=" + b64(3, 32) + "\n");
    DemoKeys legacy = DemoKeys.load(old, name -> null);
    assertThat(legacy.digestNonce().ids()).containsExactly(KeyRing.derivedId(Base64.getDecoder().decode(b64(1, 32))));
    assertThat(Files.readString(old.resolve(DemoKeys.FILE))).as("nothing added, nothing rewritten")
        .doesNotContain(".keys");

    // an operator rotating in the file: the environment still wins over it
    Files.writeString(old.resolve(DemoKeys.FILE), "digest.nonce.keys=n2:" + b64(4, 32) + ",n1:" + b64(1, 32)
        + "\ncsrf=" + b64(2, 32) + "\nsecret.sealing=" + b64(3, 32) + "\n");
    assertThat(DemoKeys.load(old, name -> null).digestNonce().ids()).containsExactly("n2", "n1");
    Map<String, String> env = Map.of(DemoKeys.DIGEST_NONCE_KEYS_ENV, "e1:" + b64(6, 32));
    assertThat(DemoKeys.load(old, env::get).digestNonce().ids()).containsExactly("e1");
  }
}
