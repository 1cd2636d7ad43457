package dev.portcullis.core.digest;

import dev.portcullis.core.spi.digest.DigestAlgorithm;
import dev.portcullis.core.spi.digest.DigestCredentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The worked examples of RFC 2617 §3.5 and RFC 7616 §3.9 (errata applied), from data files. */
class DigestVectorsTest {

  static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (InputStream in = DigestVectorsTest.class.getResourceAsStream("/digest/" + name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @ParameterizedTest
  @ValueSource(strings = {"rfc2617-3.5.properties", "rfc7616-3.9.1-md5.properties",
      "rfc7616-3.9.1-sha256.properties", "rfc7616-3.9.2-sha512-256.properties"})
  void productionHashingReproducesTheVector(String file) throws Exception {
    Properties v = load(file);
    DigestAlgorithm a = DigestAlgorithm.fromToken(v.getProperty("algorithm"));
    byte[] ha1 = DigestCredentials.ha1(a, v.getProperty("username"), v.getProperty("realm"),
        v.getProperty("password").toCharArray());
    // the values reach the hashing as spans of a parsed header, as in production
    DigestParams p = DigestParams.parse("nonce=\"" + v.getProperty("nonce") + "\", uri=\"" + v.getProperty("uri")
        + "\", nc=" + v.getProperty("nc") + ", cnonce=\"" + v.getProperty("cnonce") + "\", qop=" + v.getProperty("qop"));
    DigestHash h = new DigestHash();
    h.sessionHa1(a, ha1, p);
    byte[] out = new byte[a.length()];
    h.response(a, v.getProperty("method"), p, false, out, false);
    assertThat(DigestHash.hexString(out, a.length())).as(v.getProperty("source")).isEqualTo(v.getProperty("response"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rfc2617-3.5.properties", "rfc7616-3.9.1-md5.properties",
      "rfc7616-3.9.1-sha256.properties", "rfc7616-3.9.2-sha512-256.properties"})
  void independentTestClientAgrees(String file) throws Exception {
    Properties v = load(file);
    DigestTestClient c = new DigestTestClient();
    c.algorithm = v.getProperty("algorithm");
    c.username = v.getProperty("username");
    c.realm = v.getProperty("realm");
    c.password = v.getProperty("password");
    c.uri = v.getProperty("uri");
    c.nonce = v.getProperty("nonce");
    c.nc = v.getProperty("nc");
    c.cnonce = v.getProperty("cnonce");
    c.qop = v.getProperty("qop");
    assertThat(c.response()).isEqualTo(v.getProperty("response"));
  }

  @Test
  void section392UserhashAndUsernameStarFollowTheErratum() throws Exception {
    Properties v = load("rfc7616-3.9.2-sha512-256.properties");
    String userhash = DigestCredentials.userhash(DigestAlgorithm.SHA_512_256, v.getProperty("username"), v.getProperty("realm"));
    assertThat(userhash).isEqualTo(v.getProperty("userhash"))
        .isNotEqualTo(v.getProperty("printed-userhash"));
    assertThat(v.getProperty("response")).isNotEqualTo(v.getProperty("printed-response"));
    assertThat(Rfc8187.decode(v.getProperty("username-star"))).isEqualTo(v.getProperty("username"));
  }
}
