package dev.portcullis.core.spi.oauth1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.spi.KeyRing;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretProtectorRotationTest {
  private static final byte[] OLD = fill(0x31, 32);
  private static final byte[] NEW = fill(0x42, 32);
  private static final byte[] SECRET = "demo_consumer_secret".getBytes(StandardCharsets.UTF_8);

  private static byte[] fill(int b, int n) {
    byte[] k = new byte[n];
    Arrays.fill(k, (byte) b);
    return k;
  }

  private static SecretProtector ring(String currentId, byte[] current, String previousId, byte[] previous) {
    KeyRing.Builder r = KeyRing.builder(KeyRing.Kind.AES).current(currentId, current);
    if (previousId != null) {
      r.previous(previousId, previous);
    }
    return SecretProtector.aesGcm(r.build());
  }

  @Test
  void oldOpensNewSealsRetiredRefuses() {
    byte[] oldSealed = ring("s1", OLD, null, null).seal(SECRET);

    SecretProtector staged = ring("s1", OLD, "s2", NEW);
    assertThat(staged.open(oldSealed)).isEqualTo(SECRET);
    assertThat(staged.needsReseal(oldSealed)).isFalse();

    SecretProtector rotated = ring("s2", NEW, "s1", OLD);
    assertThat(rotated.open(oldSealed)).as("an old value opens with the old key").isEqualTo(SECRET);
    assertThat(rotated.needsReseal(oldSealed)).isTrue();
    byte[] resealed = rotated.seal(rotated.open(oldSealed));
    assertThat(rotated.needsReseal(resealed)).as("a re-seal uses the current key").isFalse();
    assertThat(staged.open(resealed)).as("a node still at step 1 opens it").isEqualTo(SECRET);

    SecretProtector retired = ring("s2", NEW, null, null);
    assertThat(retired.open(resealed)).isEqualTo(SECRET);
    assertThatThrownBy(() -> retired.open(oldSealed)).isInstanceOf(IllegalStateException.class)
        .hasMessage("sealed secret could not be opened with any live key");
  }

  @Test
  void theKeyIdIsAuthenticated() {
    SecretProtector both = ring("s2", NEW, "s1", OLD);
    byte[] sealed = both.seal(SECRET);
    assertThat(new String(sealed, 0, 6, StandardCharsets.US_ASCII)).isEqualTo("PS\u0001\u0002s2");
    byte[] moved = sealed.clone();
    moved[5] = '1'; // names the other live key
    assertThatThrownBy(() -> both.open(moved)).isInstanceOf(IllegalStateException.class);
    byte[] flipped = sealed.clone();
    flipped[flipped.length - 1] ^= 1;
    assertThatThrownBy(() -> both.open(flipped)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> both.open(new byte[10])).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void valuesSealedBeforeKeyIdsStillOpen() throws Exception {
    // the format before rings: iv(12) || ciphertext+tag, no header
    byte[] iv = fill(7, 12);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(OLD, "AES"), new GCMParameterSpec(128, iv));
    byte[] ct = c.doFinal(SECRET);
    byte[] legacy = Arrays.copyOf(iv, 12 + ct.length);
    System.arraycopy(ct, 0, legacy, 12, ct.length);

    SecretProtector single = SecretProtector.aesGcm(new SecretKeySpec(OLD, "AES"));
    assertThat(single.open(legacy)).isEqualTo(SECRET);
    assertThat(single.needsReseal(legacy)).isTrue();
    SecretProtector rotated = ring("s2", NEW, "s1", OLD);
    assertThat(rotated.open(legacy)).isEqualTo(SECRET);
    assertThatThrownBy(() -> ring("s2", NEW, null, null).open(legacy)).isInstanceOf(IllegalStateException.class);
    // the single-key protector is a ring of one: a ring holding that key under its derived id opens its values
    SecretProtector sameKey = ring("s2", NEW, KeyRing.derivedId(OLD), OLD);
    assertThat(sameKey.open(single.seal(SECRET))).isEqualTo(SECRET);
  }

  @Test
  void aRenamedKeyStillOpensAndResealedMovesOffTheOldKey() {
    byte[] sealed = ring("s1", OLD, null, null).seal(SECRET);
    SecretProtector renamed = ring("s2", NEW, "old", OLD);
    assertThat(renamed.open(sealed)).isEqualTo(SECRET);
    assertThat(renamed.needsReseal(sealed)).isTrue();

    ProtectedSecret stored = ProtectedSecret.ofSealed(sealed, renamed);
    assertThat(stored.needsReseal()).isTrue();
    ProtectedSecret written = stored.resealed();
    assertThat(written.needsReseal()).isFalse();
    assertThat(written.resealed()).isSameAs(written);
    assertThat(ring("s2", NEW, null, null).open(written.sealed())).as("opens after the old key retires")
        .isEqualTo(SECRET);
  }

  @Test
  void onlyAesRingsAndNoKeyInToString() {
    assertThatThrownBy(() -> SecretProtector.aesGcm(KeyRing.of(KeyRing.Kind.HMAC_SHA256, NEW)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SecretProtector.aesGcm(new SecretKeySpec(fill(1, 20), "AES")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ring("s2", NEW, "s1", OLD).toString()).isEqualTo("SecretProtector.aesGcm[s2, s1]");
    assertThat(SecretProtector.none().needsReseal(SECRET)).isFalse();
  }
}
