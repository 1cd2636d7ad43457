package dev.portcullis.demo;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away EC P-256 key and self-signed X.509 certificate, made with Bouncy Castle at start-up,
 * held only in an in-memory PKCS12 {@link KeyStore}.
 *
 * <p>The certificate names {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the host the
 * server binds to as subject alternative names (RFC 5280 §4.2.1.6), so clients that check the name
 * but are told to trust this certificate (curl {@code --cacert}) accept it. It is valid from one
 * hour ago (clock skew) for 30 days.
 *
 * <pre>{@code
 * SelfSignedCertificate cert = SelfSignedCertificate.generate("127.0.0.1");
 * sslContextFactory.setKeyStore(cert.keyStore());
 * sslContextFactory.setKeyStorePassword(cert.password());
 * }</pre>
 *
 * <p>Immutable after construction; the key store must not be modified by callers.
 *
 * @param keyStore the PKCS12 store with one private-key entry, alias {@link #ALIAS}
 * @param password the random password protecting the store and the entry
 * @param certificate the certificate
 */
public record SelfSignedCertificate(KeyStore keyStore, String password, X509Certificate certificate) {

  /** The alias of the key entry. */
  public static final String ALIAS = "portcullis-demo";

  @Override
  public String toString() {
    return "SelfSignedCertificate[" + certificate.getSubjectX500Principal() + "]";
  }

  /**
   * Generates a key pair and certificate for {@code host} (plus the loopback names).
   *
   * @throws IllegalStateException if the platform lacks EC or SHA256withECDSA
   */
  public static SelfSignedCertificate generate(String host) {
    try {
      SecureRandom random = new SecureRandom();
      KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
      kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair pair = kpg.generateKeyPair();

      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=Portcullis demo server");
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
          subject,
          new BigInteger(128, random).setBit(127),
          Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(30))),
          subject,
          pair.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(host));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));

      byte[] pw = new byte[18];
      random.nextBytes(pw);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(pw);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(ALIAS, pair.getPrivate(), password.toCharArray(), new Certificate[] {cert});
      return new SelfSignedCertificate(ks, password, cert);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot generate the self-signed certificate", e);
    }
  }

  private static GeneralNames subjectAltNames(String host) throws CertIOException {
    Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
    Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (isIpLiteral(h)) {
      // a wildcard bind address names no host a client could use
      if (!h.equals("0.0.0.0") && !h.equals("::") && !h.equals("0:0:0:0:0:0:0:0")) {
        ips.add(h);
      }
    } else if (!h.isEmpty()) {
      dns.add(h);
    }
    List<GeneralName> names = new ArrayList<>();
    for (String d : dns) {
      names.add(new GeneralName(GeneralName.dNSName, d));
    }
    for (String ip : ips) {
      names.add(new GeneralName(GeneralName.iPAddress, ip));
    }
    return new GeneralNames(names.toArray(new GeneralName[0]));
  }

  private static boolean isIpLiteral(String s) {
    if (s.indexOf(':') >= 0) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c == '.' || c >= '0' && c <= '9')) {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
