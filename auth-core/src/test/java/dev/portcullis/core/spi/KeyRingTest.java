package dev.portcullis.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeyRingTest {
  static byte[] key(int n, int fill) {
    byte[] k = new byte[n];
    java.util.Arrays.fill(k, (byte) fill);
    return k;
  }

  @Test
  void currentFirstThenPreviousInOrder() {
    KeyRing ring = KeyRing.builder(KeyRing.Kind.HMAC_SHA256)
        .previous("n1", key(32, 1)).current("n2", key(32, 2)).previous("n0", key(40, 3)).build();
    assertThat(ring.current().id()).isEqualTo("n2");
    assertThat(ring.ids()).containsExactly("n2", "n1", "n0");
    assertThat(ring.find("n1")).isPresent();
    assertThat(ring.find("retired")).isEmpty();
    assertThat(ring.find("")).isEmpty();
    assertThat(ring.current().secretKey().getEncoded()).isEqualTo(key(32, 2));
    assertThat(ring.current().secretKey().getAlgorithm()).isEqualTo("HmacSHA256");
  }

  @Test
  void weakKeysAreRefusedAtConstruction() {
    assertThatThrownBy(() -> KeyRing.builder(KeyRing.Kind.HMAC_SHA256).current("a", key(31, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 bits");
    assertThatThrownBy(() -> KeyRing.builder(KeyRing.Kind.HMAC_SHA256).previous("a", key(16, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    for (int bad : new int[] {0, 15, 20, 31, 33, 64}) {
      assertThatThrownBy(() -> KeyRing.of(KeyRing.Kind.AES, key(bad, 1))).as("%d bytes", bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128, 192 or 256");
    }
    for (int good : new int[] {16, 24, 32}) {
      assertThat(KeyRing.of(KeyRing.Kind.AES, key(good, 1)).current().secretKey().getAlgorithm()).isEqualTo("AES");
    }
  }

  @Test
  void idsAreShortAndUniqueAndAKeyIsGivenOnce() {
    KeyRing.Builder b = KeyRing.builder(KeyRing.Kind.HMAC_SHA256).current("a", key(32, 1));
    assertThatThrownBy(() -> b.previous("a", key(32, 2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> b.previous("b", key(32, 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another id");
    assertThatThrownBy(() -> b.current("c", key(32, 3))).isInstanceOf(IllegalStateException.class);
    for (String id : new String[] {"", "a:b", "a,b", "a.b", "x".repeat(17), "ü", "a b"}) {
      assertThatThrownBy(() -> KeyRing.builder(KeyRing.Kind.HMAC_SHA256).current(id, key(32, 1))).as(id)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> KeyRing.builder(KeyRing.Kind.AES).previous("p", key(16, 1)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("current");
  }

  @Test
  void ringOfOneHasADerivedIdAndNothingShowsTheKey() {
    byte[] k = new byte[32];
    new java.security.SecureRandom().nextBytes(k);
    KeyRing one = KeyRing.of(KeyRing.Kind.HMAC_SHA256, k);
    assertThat(one.ids()).containsExactly(KeyRing.derivedId(k));
    assertThat(KeyRing.derivedId(k)).matches("k[0-9a-f]{6}");
    assertThat(KeyRing.isValidId(KeyRing.derivedId(k))).isTrue();
    String shown = one + " " + one.current();
    assertThat(shown).doesNotContain(Base64.getEncoder().encodeToString(k))
        .doesNotContain(HexFormat.of().formatHex(k)).contains(one.current().id());
    try {
      KeyRing.builder(KeyRing.Kind.HMAC_SHA256).current("a", k).previous("b", k);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).doesNotContain(Base64.getEncoder().encodeToString(k)).doesNotContain(HexFormat.of().formatHex(k));
    }
  }
}
