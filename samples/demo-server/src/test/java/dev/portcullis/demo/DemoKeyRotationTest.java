package dev.portcullis.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.spi.KeyRing;
import dev.portcullis.demo.contacts.ContactsApi;
import dev.portcullis.testing.DigestCrafter;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A nonce key rotation across two real demo servers over real sockets: A still signs with the old
 * key, B has made the new key current and keeps the old one as previous; a Digest nonce issued by A
 * verifies on B, a nonce issued by B verifies on a node at the first step, and once the old key
 * retires its nonces get the unknown-nonce 401 with a fresh challenge.
 */
class DemoKeyRotationTest {
  private static final String USER = ContactsApi.API_KEY + "%ctct_customer";
  private static final String URI = "/ws/customers/ctct_customer/contacts";
  private static final byte[] OLD = fill(0x51);
  private static final byte[] NEW = fill(0x62);

  private static byte[] fill(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  private static KeyRing hmac(String currentId, byte[] current, String previousId, byte[] previous) {
    KeyRing.Builder r = KeyRing.builder(KeyRing.Kind.HMAC_SHA256).current(currentId, current);
    if (previousId != null) {
      r.previous(previousId, previous);
    }
    return r.build();
  }

  private static DemoSettings node(String name, KeyRing nonces) {
    // the CSRF and sealing rings play no part here; each node gets its own
    DemoKeys keys = new DemoKeys(nonces, KeyRing.of(KeyRing.Kind.HMAC_SHA256, fill(1)), KeyRing.of(KeyRing.Kind.AES, fill(2)));
    return DemoSettings.builder().httpPort(0).httpsPort(0).store(DemoSettings.Store.MEMORY).nodeName(name)
        .keys(keys).build();
  }

  private static String nonce(DemoClient c) throws Exception {
    HttpResponse<String> challenge = c.get(c.http(URI), null);
    assertThat(challenge.statusCode()).isEqualTo(401);
    return DigestCrafter.challenge(challenge.headers().allValues("WWW-Authenticate"), "SHA-256").get("nonce");
  }

  private static String digest(String nonce, String nc) {
    return DigestCrafter.authorization("GET", URI, USER, "mypassword", ContactsApi.REALM, "SHA-256", nonce, nc,
        "auth", new byte[0]);
  }

  @Test
  void aNonceIssuedWithTheOldKeyVerifiesOnANodeWhereTheNewKeyIsCurrent() throws Exception {
    try (DemoServer a = DemoServer.start(node("a", hmac("n1", OLD, "n2", NEW)));
        DemoServer b = DemoServer.start(node("b", hmac("n2", NEW, "n1", OLD)));
        DemoServer retired = DemoServer.start(node("c", hmac("n2", NEW, null, null)))) {
      DemoClient onA = new DemoClient(a);
      DemoClient onB = new DemoClient(b);
      DemoClient onC = new DemoClient(retired);

      String fromA = nonce(onA);
      assertThat(onA.get(onA.http(URI), digest(fromA, "00000001")).statusCode()).isEqualTo(200);
      HttpResponse<String> onNewKeyNode = onB.get(onB.http(URI), digest(fromA, "00000001"));
      assertThat(onNewKeyNode.statusCode()).as("old key's nonce on the node where the new key is current: "
          + onNewKeyNode.body()).isEqualTo(200);

      String fromB = nonce(onB);
      assertThat(fromB).isNotEqualTo(fromA);
      assertThat(onA.get(onA.http(URI), digest(fromB, "00000001")).statusCode())
          .as("the new key's nonce on a node that holds it as previous").isEqualTo(200);

      HttpResponse<String> afterRetirement = onC.get(onC.http(URI), digest(fromA, "00000001"));
      assertThat(afterRetirement.statusCode()).as("the old key has retired").isEqualTo(401);
      assertThat(afterRetirement.headers().allValues("WWW-Authenticate")).as("with a fresh challenge")
          .anySatisfy(h -> assertThat(h).startsWith("Digest ").contains("nonce=\"").doesNotContain("stale=true"));
      assertThat(onC.get(onC.http(URI), digest(fromB, "00000002")).statusCode())
          .as("the current key's nonce still verifies after the retirement").isEqualTo(200);
    }
  }
}
