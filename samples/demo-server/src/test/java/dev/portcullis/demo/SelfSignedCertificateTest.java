package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

  static List<String> names(X509Certificate cert) throws Exception {
    List<String> out = new ArrayList<>();
    for (List<?> n : cert.getSubjectAlternativeNames()) {
      out.add(n.get(0) + ":" + n.get(1));
    }
    return out;
  }

  @Test
  void namesTheBindHostBesidesLoopback() throws Exception {
    SelfSignedCertificate c = SelfSignedCertificate.generate("demo.example");
    assertThat(names(c.certificate())).contains("2:localhost", "2:demo.example", "7:127.0.0.1");
    c.certificate().verify(c.certificate().getPublicKey());
    c.certificate().checkValidity();
    assertThat(c.keyStore().isKeyEntry(SelfSignedCertificate.ALIAS)).isTrue();
    assertThat(c.toString()).doesNotContain(c.password());
  }

  @Test
  void wildcardBindAddressIsNotANameButAnIpIs() throws Exception {
    assertThat(names(SelfSignedCertificate.generate("0.0.0.0").certificate())).noneMatch(n -> n.contains("0.0.0.0"));
    assertThat(names(SelfSignedCertificate.generate("10.1.2.3").certificate())).contains("7:10.1.2.3");
  }

  @Test
  void everyStartGetsAFreshKey() {
    assertThat(SelfSignedCertificate.generate("127.0.0.1").certificate().getPublicKey())
        .isNotEqualTo(SelfSignedCertificate.generate("127.0.0.1").certificate().getPublicKey());
  }
}
