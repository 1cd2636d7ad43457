package dev.portcullis.core.digest;

import static dev.portcullis.core.digest.DigestSchemeTest.nonceFor;
import static dev.portcullis.core.digest.DigestSchemeTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.Outcome;
import dev.portcullis.core.Reason;
import dev.portcullis.core.memory.InMemoryDigestCredentialStore;
import dev.portcullis.core.memory.InMemoryReplayGuard;
import dev.portcullis.core.spi.KeyRing;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The three steps of a nonce key rotation; each scheme is a node holding its own copy of the ring. */
class DigestNonceRotationTest {
  private static final String REALM = "rotation@portcullis";
  private static final byte[] OLD = fill(0x0A);
  private static final byte[] NEW = fill(0x0B);
  private final DigestSchemeTest.MutableClock clock = new DigestSchemeTest.MutableClock();
  private final InMemoryDigestCredentialStore store =
      InMemoryDigestCredentialStore.builder().realm(REALM).user("plain", "pw".toCharArray()).build();

  private static byte[] fill(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  private static KeyRing ring(String currentId, byte[] current, String previousId, byte[] previous) {
    KeyRing.Builder r = KeyRing.builder(KeyRing.Kind.HMAC_SHA256).current(currentId, current);
    if (previousId != null) {
      r.previous(previousId, previous);
    }
    return r.build();
  }

  private DigestScheme node(KeyRing ring) {
    return DigestScheme.builder().realm(REALM).credentials(store).nonceKeys(ring).clock(clock)
        .replayGuard(new InMemoryReplayGuard(clock, 1_000)).build();
  }

  private DigestTestClient client(String nonce) {
    DigestTestClient c = new DigestTestClient();
    c.realm = REALM;
    c.username = "plain";
    c.password = "pw";
    c.uri = "/r";
    c.nonce = nonce;
    return c;
  }

  private Outcome send(DigestScheme s, DigestTestClient c) {
    return s.authenticate(request(c.uri), c.header());
  }

  @Test
  void oldVerifiesNewSignsRetiredRefuses() {
    DigestScheme before = node(ring("n1", OLD, null, null));
    String oldNonce = nonceFor(before, "SHA-256");

    // step 1: the new key is added as a previous key on every node
    DigestScheme staged = node(ring("n1", OLD, "n2", NEW));
    assertThat(send(staged, client(oldNonce))).isInstanceOf(Outcome.Authenticated.class);

    // step 2: the new key becomes current; the old one still verifies
    DigestScheme rotated = node(ring("n2", NEW, "n1", OLD));
    assertThat(send(rotated, client(oldNonce))).isInstanceOf(Outcome.Authenticated.class);
    String newNonce = nonceFor(rotated, "SHA-256");
    assertThat(newNonce).isNotEqualTo(oldNonce);
    assertThat(send(rotated, client(newNonce))).isInstanceOf(Outcome.Authenticated.class);
    assertThat(send(staged, client(newNonce))).as("a node still at step 1 verifies the new key's nonce")
        .isInstanceOf(Outcome.Authenticated.class);
    Outcome skipped = send(before, client(newNonce));
    assertThat(((Outcome.Rejected) skipped).reason()).as("a node that skipped step 1").isEqualTo(Reason.NONCE_INVALID);

    // a nonce of the old key that outlived its lifetime gets stale=true while the key is live
    clock.advance(Duration.ofMinutes(6));
    Outcome stale = send(rotated, client(oldNonce));
    assertThat(((Outcome.Rejected) stale).reason()).isEqualTo(Reason.STALE_NONCE);

    // step 3: the old key retires: its nonces are unknown, the new key's still verify
    DigestScheme retired = node(ring("n2", NEW, null, null));
    Outcome refused = send(retired, client(oldNonce));
    assertThat(((Outcome.Rejected) refused).reason()).isEqualTo(Reason.NONCE_INVALID);
    assertThat(send(retired, client(nonceFor(rotated, "SHA-256")))).isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void theSingleKeyFormIsARingOfOne() {
    DigestScheme single = DigestScheme.builder().realm(REALM).credentials(store).nonceKey(OLD)
        .previousNonceKeys(NEW).clock(clock).build();
    DigestScheme asRing = node(ring("any-id", OLD, null, null));
    assertThat(send(asRing, client(nonceFor(single, "SHA-256")))).isInstanceOf(Outcome.Authenticated.class);
    assertThat(send(single, client(nonceFor(node(ring("n2", NEW, null, null)), "SHA-256"))))
        .isInstanceOf(Outcome.Authenticated.class);
  }

  @Test
  void aRingOrKeysNotBothAndOnlyAnHmacRing() {
    KeyRing ring = ring("n1", OLD, null, null);
    assertThatThrownBy(() -> DigestScheme.builder().nonceKey(OLD).nonceKeys(ring)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DigestScheme.builder().nonceKeys(ring).nonceKey(OLD)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DigestScheme.builder().nonceKeys(ring).previousNonceKeys(NEW)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> DigestScheme.builder().nonceKeys(ring).nonceKeys(ring))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("nonceKeys was already set");
    assertThatThrownBy(() -> DigestScheme.builder().nonceKeys(KeyRing.of(KeyRing.Kind.AES, new byte[32])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void twoKeysWithOneFingerprintAreRefused() {
    byte[] first = fill(1);
    byte[] clash = null;
    byte fp = KeyRing.of(KeyRing.Kind.HMAC_SHA256, first).current().fingerprint();
    for (int i = 2; clash == null; i++) {
      byte[] k = fill(i & 0xFF);
      k[0] = (byte) (i >> 8);
      if (KeyRing.of(KeyRing.Kind.HMAC_SHA256, k).current().fingerprint() == fp) {
        clash = k;
      }
    }
    KeyRing both = ring("a", first, "b", clash);
    assertThatThrownBy(() -> node(both)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fingerprint");
  }
}
