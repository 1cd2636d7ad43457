package dev.portcullis.core.oauth1.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.oauth1.provider.CsrfTokens.Check;
import dev.portcullis.core.spi.KeyRing;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The three steps of a CSRF key rotation, each node a CsrfTokens over its own copy of the ring. */
class CsrfKeyRotationTest {
  private static final byte[] OLD = fill(0x11);
  private static final byte[] NEW = fill(0x22);
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private static byte[] fill(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  private CsrfTokens node(String currentId, byte[] current, String previousId, byte[] previous) {
    KeyRing.Builder r = KeyRing.builder(KeyRing.Kind.HMAC_SHA256).current(currentId, current);
    if (previousId != null) {
      r.previous(previousId, previous);
    }
    return CsrfTokens.builder().keys(r.build()).clock(clock).build();
  }

  @Test
  void oldVerifiesNewSignsRetiredRefuses() {
    CsrfTokens before = node("c1", OLD, null, null);
    String oldBinding = before.newBinding();
    String oldToken = before.issue("rt", oldBinding);

    // step 1: the new key is added as previous on every node; nothing it signs exists yet
    CsrfTokens staged = node("c1", OLD, "c2", NEW);
    assertThat(staged.check(oldToken, "rt", oldBinding)).isEqualTo(Check.VALID);
    assertThat(staged.newBinding()).startsWith("c1.");

    // step 2: the new key becomes current: it signs, the old one still verifies
    CsrfTokens rotated = node("c2", NEW, "c1", OLD);
    assertThat(rotated.check(oldToken, "rt", oldBinding)).as("old token, old binding").isEqualTo(Check.VALID);
    String newToken = rotated.issue("rt", oldBinding);
    assertThat(newToken).contains(".c2.");
    assertThat(rotated.check(newToken, "rt", oldBinding)).isEqualTo(Check.VALID);
    String newBinding = rotated.newBinding();
    assertThat(newBinding).startsWith("c2.");
    assertThat(staged.isMinted(newBinding)).as("a node still at step 1 honours the new key").isTrue();
    assertThat(staged.check(rotated.issue("rt", newBinding), "rt", newBinding)).isEqualTo(Check.VALID);
    assertThat(before.isMinted(newBinding)).as("a node that skipped step 1 does not").isFalse();

    // step 3: the old key retires: what it signed is refused, what the new key signed still works
    CsrfTokens retired = node("c2", NEW, null, null);
    assertThat(retired.isMinted(oldBinding)).isFalse();
    assertThat(retired.check(oldToken, "rt", oldBinding)).isEqualTo(Check.INVALID);
    assertThat(retired.check(newToken, "rt", oldBinding)).as("the binding's key retired").isEqualTo(Check.INVALID);
    assertThat(retired.check(rotated.issue("rt", newBinding), "rt", newBinding)).isEqualTo(Check.VALID);
  }

  @Test
  void theKeyIdIsSignedSoATokenCannotChangeKeys() {
    CsrfTokens both = node("c2", NEW, "c1", OLD);
    String binding = both.newBinding();
    String token = both.issue("rt", binding);
    assertThat(both.check(token.replace(".c2.", ".c1."), "rt", binding)).isEqualTo(Check.INVALID);
    assertThat(both.isMinted("c1" + binding.substring(2))).isFalse();
    assertThat(both.check(token.replace(".c2.", ".nope."), "rt", binding)).isEqualTo(Check.INVALID);
  }

  @Test
  void aRingOrAKeyNotBoth() {
    KeyRing ring = KeyRing.of(KeyRing.Kind.HMAC_SHA256, OLD);
    assertThatThrownBy(() -> CsrfTokens.builder().key(OLD).keys(ring)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CsrfTokens.builder().keys(ring).keys(ring)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CsrfTokens.builder().keys(KeyRing.of(KeyRing.Kind.AES, new byte[16])))
        .isInstanceOf(IllegalArgumentException.class);
    // the single-key form is a ring of one: it interoperates with a ring holding that key
    CsrfTokens single = CsrfTokens.builder().key(OLD).clock(clock).build();
    CsrfTokens asRing = CsrfTokens.builder().keys(ring).clock(clock).build();
    String b = single.newBinding();
    assertThat(asRing.check(single.issue("rt", b), "rt", b)).isEqualTo(Check.VALID);
    assertThat(single.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(OLD));
  }
}
