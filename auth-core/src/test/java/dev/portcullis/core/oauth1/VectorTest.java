package dev.portcullis.core.oauth1;
import dev.portcullis.core.spi.oauth1.Consumer;
import dev.portcullis.core.spi.oauth1.OAuthToken;
import dev.portcullis.core.spi.oauth1.TokenKind;
import dev.portcullis.core.spi.oauth1.ProtectedSecret;

import dev.portcullis.core.spi.oauth1.SignatureMethod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import dev.portcullis.core.memory.InMemoryConsumerStore;
import dev.portcullis.core.memory.InMemoryOAuthTokenStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * RFC 5849, oauth.net TestCases and Twitter vectors, read from src/test/resources/oauth1.
 */
class VectorTest {

  static Stream<Arguments> encodings() {
    return Vectors.rows("percent-encoding.tsv").stream().map(r -> Arguments.of(Vectors.unescape(r[0]), r[1]));
  }

  @ParameterizedTest(name = "encode {1}")
  @MethodSource("encodings")
  void percentEncoding(String input, String encoded) {
    assertThat(PercentCodec.encode(input)).isEqualTo(encoded);
    assertThat(PercentCodec.decode(encoded, false)).isEqualTo(input);
  }

  static Stream<Arguments> normalizations() {
    return Vectors.rows("normalization.tsv").stream().map(r -> Arguments.of(r[0], r[1]));
  }

  @ParameterizedTest(name = "normalize {0}")
  @MethodSource("normalizations")
  void normalization(String form, String normalized) {
    assertThat(BaseString.normalizedParameters(FormCodec.decode(form))).isEqualTo(normalized);
  }

  static Stream<Map<String, String>> baseStrings() {
    return Vectors.blocks("base-strings.txt").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("baseStrings")
  void baseString(Map<String, String> v) {
    URI u = URI.create(v.get("url"));
    int port = u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    List<Param> params = new ArrayList<>();
    for (Param p : FormCodec.decode(v.get("params"))) {
      if (!p.name().equals("oauth_signature")) {
        params.add(p);
      }
    }
    String uri = BaseString.baseUri(u.getScheme(), u.getHost(), port, u.getRawPath() == null ? "" : u.getRawPath());
    assertThat(BaseString.of(v.get("method"), uri, params)).isEqualTo(v.get("base"));
  }

  static Stream<Map<String, String>> hmacs() {
    return Vectors.blocks("hmac-sha1.txt").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hmacs")
  void hmacSha1(Map<String, String> v) {
    byte[] key = Signatures.hmacKey(bytes(v.get("consumer_secret")), bytes(v.get("token_secret")));
    byte[] mac = Signatures.hmac(SignatureMethod.HMAC_SHA1, key, v.get("base"));
    assertThat(Base64.getEncoder().encodeToString(mac)).isEqualTo(v.get("signature"));
  }

  @Test
  void rsaSha1VerifiesWithTheCertificateAndSignsIdentically() throws Exception {
    Map<String, String> v = Vectors.blocks("rsa-sha1.txt").get(0);
    PublicKey fromCert = RsaKeys.readPublicKey(Vectors.text("oauthnet-rsa-cert.pem"), 1024);
    byte[] sig = Base64.getDecoder().decode(v.get("signature"));
    assertThat(Signatures.rsaMatches(SignatureMethod.RSA_SHA1, fromCert, v.get("base"), sig)).isTrue();
    assertThat(Signatures.rsaMatches(SignatureMethod.RSA_SHA1, fromCert, v.get("base") + "x", sig)).isFalse();
    assertThat(Signatures.rsaMatches(SignatureMethod.RSA_SHA256, fromCert, v.get("base"), sig)).isFalse();

    // PKCS#1 v1.5 is deterministic: signing the base string with the wiki's key gives the same bytes
    Signature s = Signature.getInstance("SHA1withRSA");
    s.initSign(privateKey(Vectors.text("oauthnet-rsa-key.pem")));
    s.update(v.get("base").getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64.getEncoder().encodeToString(s.sign())).isEqualTo(v.get("signature"));
  }

  static Stream<Map<String, String>> signedRequests() {
    return Vectors.blocks("signed-requests.txt").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signedRequests")
  void signedRequestVerifiesEndToEnd(Map<String, String> v) {
    AuthRequest request = Requests.of(v.get("method"), v.get("url"), v.get("authorization"),
        v.get("content_type"), v.get("body"));
    ProtocolParams p = ProtocolParams.collect(request, v.get("authorization").substring("OAuth ".length()));
    String base = BaseString.of(request.method(),
        BaseString.baseUri(request.scheme(), request.host(), request.port(), request.rawPath()), p);
    p.release();
    if (v.containsKey("base")) {
      assertThat(base).isEqualTo(v.get("base"));
    }
    byte[] key = Signatures.hmacKey(bytes(v.get("consumer_secret")), bytes(v.getOrDefault("token_secret", "")));
    assertThat(Base64.getEncoder().encodeToString(Signatures.hmac(SignatureMethod.HMAC_SHA1, key, base)))
        .isEqualTo(v.get("signature"));
    assertThat(p.signature).isEqualTo(v.get("signature"));

    // and the whole verifier accepts it, with the clock at the request's timestamp
    TokenKind kind = TokenKind.valueOf(v.get("kind"));
    long ts = Long.parseLong(p.timestamp);
    TestClock clock = TestClock.atEpochSecond(ts);
    InMemoryConsumerStore consumers = new InMemoryConsumerStore();
    String callback = p.callback == null ? "oob" : p.callback;
    consumers.save(Consumer.builder(v.get("consumer_key"), ProtectedSecret.plain(v.get("consumer_secret")))
        .callbacks(List.of(callback)).build());
    InMemoryOAuthTokenStore tokens = new InMemoryOAuthTokenStore();
    Instant now = clock.instant();
    if (kind == TokenKind.REQUEST) {
      tokens.save(OAuthToken.request(v.get("token"), ProtectedSecret.plain(v.get("token_secret")),
          v.get("consumer_key"), "oob", now, now.plusSeconds(600)).authorize("jane", null, v.get("verifier")));
    } else if (kind == TokenKind.ACCESS) {
      tokens.save(OAuthToken.access(v.get("token"), ProtectedSecret.plain(v.get("token_secret")),
          v.get("consumer_key"), "jane", null, now, null));
    }
    OAuth1Verifier verifier = OAuth1Verifier.builder().consumers(consumers).tokens(tokens)
        .replayGuard(new InMemoryReplayGuard(clock, 100)).clock(clock).realm("Photos").build();
    Verification result = verifier.verify(request, kind);
    assertThat(result).isInstanceOf(Verification.Verified.class);
    Verification.Verified ok = (Verification.Verified) result;
    assertThat(ok.consumer().key()).isEqualTo(v.get("consumer_key"));
    assertThat(ok.oauthParams()).doesNotContainKey("oauth_signature").containsEntry("oauth_timestamp", p.timestamp);
    // a replay of the same request is refused: the nonce was recorded
    Verification again = verifier.verify(request, kind);
    assertThat(again).isInstanceOf(Verification.Failed.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static PrivateKey privateKey(String pem) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
  }
}
