package dev.portcullis.core.oauth1;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;
import dev.portcullis.core.spi.oauth1.SecretProtector;
import dev.portcullis.core.spi.oauth1.SignatureMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StoresAndTypesTest {
  private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

  @ParameterizedTest
  @CsvSource({
      "http://localhost:*, http://localhost, true",
      "http://localhost:*, http://localhost:8080/cb?x=1, true",
      "http://localhost:*, HTTP://LOCALHOST:1/, true",
      "http://localhost:*, http://localhost.evil.example/, false",
      "http://localhost:*, http://localhost:80x/, false",
      "http://localhost:*, http://localhost@evil.example/, false",
      "http://localhost:*, https://localhost/, false",
      "http://localhost:*, oob, false",
      "oob, oob, true",
      "oob, http://localhost/, false",
      "https://app.example/cb, https://app.example/cb, true",
      "https://app.example/cb, https://app.example/cb2, false",
      "https://app.example/cb/*, https://app.example/cb/deep?x, true",
  })
  void callbackPatterns(String pattern, String callback, boolean allowed) {
    Consumer c = Consumer.builder("k", ProtectedSecret.plain("s")).callbacks(List.of(pattern)).build();
    assertThat(c.allowsCallback(callback)).isEqualTo(allowed);
  }

  @Test
  void consumerToStringHidesTheSecret() {
    Consumer c = Consumer.builder("k", ProtectedSecret.plain("very-secret")).build();
    assertThat(c.toString()).contains("k").doesNotContain("very-secret");
    assertThat(c.secret().toString()).doesNotContain("very-secret");
  }

  @Test
  void consumerRefusesRsaWithoutAKey() {
    assertThatThrownBy(() -> Consumer.builder("k", ProtectedSecret.plain("s"))
        .methods(java.util.Set.of(SignatureMethod.RSA_SHA1)).build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aesGcmSealsAndOpens() {
    SecretProtector p = SecretProtector.aesGcm(new SecretKeySpec(new byte[32], "AES"));
    ProtectedSecret s = ProtectedSecret.seal("demo_consumer_secret", p);
    assertThat(new String(s.sealed(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("demo_consumer");
    assertThat(s.revealString()).isEqualTo("demo_consumer_secret");
    ProtectedSecret back = ProtectedSecret.ofSealed(s.sealed(), p);
    assertThat(back.revealString()).isEqualTo("demo_consumer_secret");
    SecretProtector other = SecretProtector.aesGcm(new SecretKeySpec(new byte[16], "AES"));
    assertThatThrownBy(() -> ProtectedSecret.ofSealed(s.sealed(), other).reveal())
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("demo");
    assertThatThrownBy(() -> SecretProtector.aesGcm(new SecretKeySpec(new byte[5], "AES")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rsaKeysFromPemAndCertificate() throws Exception {
    var gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    var pair = gen.generateKeyPair();
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    assertThat(RsaKeys.readPublicKey(pem)).isEqualTo(pair.getPublic());
    String cert = Vectors.text("oauthnet-rsa-cert.pem");
    assertThatThrownBy(() -> RsaKeys.readPublicKey(cert)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1024 bits");
    assertThat(RsaKeys.readPublicKey(cert, 1024).getAlgorithm()).isEqualTo("RSA");
    assertThatThrownBy(() -> RsaKeys.readPublicKey("not pem")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RsaKeys.readPublicKey(cert, 512)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tokenToStringHidesSecretsAndVerifierIsHashed() {
    OAuthToken t = OAuthToken.request("hh5s93j4hdidpola", ProtectedSecret.plain("hdhd0244k9j7ao03"), "ck", "oob",
        T0, T0.plusSeconds(60)).authorize("jane", null, "hfdp7dh39dks9884");
    assertThat(t.toString()).doesNotContain("hdhd0244k9j7ao03").doesNotContain("hh5s93j4hdidpola")
        .doesNotContain("hfdp7dh39dks9884");
    assertThat(t.verifierHash()).doesNotContain("hfdp7dh39dks9884");
    assertThat(t.verifierMatches("hfdp7dh39dks9884")).isTrue();
    assertThat(t.verifierMatches("hfdp7dh39dks988")).isFalse();
    assertThat(t.verifierMatches(null)).isFalse();
    assertThat(t.isExpired(T0.plusSeconds(59))).isFalse();
    assertThat(t.isExpired(T0.plusSeconds(60))).isTrue();
  }

  @Test
  void tokenStoreSaveFindListRevokePurge() {
    InMemoryOAuthTokenStore store = new InMemoryOAuthTokenStore();
    store.save(OAuthToken.access("a1", ProtectedSecret.plain("s"), "ck", "jane", "1", T0, null));
    store.save(OAuthToken.access("a2", ProtectedSecret.plain("s"), "ck", "jane", "1", T0.plusSeconds(1), null));
    store.save(OAuthToken.access("b1", ProtectedSecret.plain("s"), "ck", "bob", "2", T0, null));
    assertThat(store.save(OAuthToken.access("a1", ProtectedSecret.plain("s"), "ck", "x", null, T0, null)))
        .as("a duplicate gets false, not an exception").isFalse();
    assertThat(store.find("a1").user()).isEqualTo("jane");
    assertThat(store.accessTokens("jane")).extracting(OAuthToken::token).containsExactly("a1", "a2");
    assertThat(store.revoke("a1", "bob")).isFalse();
    assertThat(store.revoke("a1", "jane")).isTrue();
    assertThat(store.revoke("a1", "jane")).isFalse();
    assertThat(store.find("a1").state()).isEqualTo(TokenState.REVOKED);
    store.save(OAuthToken.request("r1", ProtectedSecret.plain("s"), "ck", "oob", T0, T0.plusSeconds(60)));
    assertThat(store.purgeExpired(T0.plusSeconds(61))).isEqualTo(1);
    assertThat(store.find("r1")).isNull();
  }

  @Test
  void consumerStore() {
    InMemoryConsumerStore store = new InMemoryConsumerStore();
    store.save(Consumer.builder("k", ProtectedSecret.plain("s")).build());
    assertThat(store.find("k")).isNotNull();
    assertThat(store.find("x")).isNull();
    assertThat(store.remove("k")).isTrue();
    assertThat(store.find("k")).isNull();
  }

  @Test
  void nonceKeysCannotCollide() {
    assertThat(OAuth1Verifier.nonceKey("a", "b:c", "1", "n"))
        .isNotEqualTo(OAuth1Verifier.nonceKey("a", "b", "c1", "n"));
    assertThat(OAuth1Verifier.nonceKey("ab", "", "1", "n")).isNotEqualTo(OAuth1Verifier.nonceKey("a", "b", "1", "n"));
  }
}
