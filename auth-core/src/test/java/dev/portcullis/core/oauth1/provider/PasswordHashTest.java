package dev.portcullis.core.oauth1.provider;

import dev.portcullis.core.spi.oauth1.UserDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void matchesOnlyTheHashedPassword() {
    PasswordHash h = PasswordHash.create("demo_password".toCharArray(), 10_000, random);
    assertThat(h.matches("demo_password".toCharArray())).isTrue();
    assertThat(h.matches("demo_passwore".toCharArray())).isFalse();
    assertThat(h.matches("".toCharArray())).isFalse();
  }

  @Test
  void survivesEncodeAndParseAndKeepsNoPlaintext() {
    PasswordHash h = PasswordHash.create("s3cret-ü".toCharArray(), 10_000, random);
    String row = h.encode();
    assertThat(row).startsWith("pbkdf2-sha256$10000$").doesNotContain("s3cret");
    PasswordHash back = PasswordHash.parse(row);
    assertThat(back.matches("s3cret-ü".toCharArray())).isTrue();
    assertThat(back).isEqualTo(h);
    assertThat(h.toString()).doesNotContain(row.substring(row.lastIndexOf('$') + 1));
  }

  @Test
  void aTrailingNulIsNotTheSamePasswordThoughHmacPaddingWouldMakeItSo() {
    PasswordHash h = PasswordHash.create("secret".toCharArray(), 10_000, new SecureRandom());
    assertThat(h.matches("secret".toCharArray())).isTrue();
    assertThat(h.matches("secret\0".toCharArray())).isFalse();
    assertThat(h.matches("secret\0\0".toCharArray())).isFalse();
    assertThatThrownBy(() -> PasswordHash.create("secret\0".toCharArray(), 10_000, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saltsDiffer() {
    PasswordHash a = PasswordHash.create("same".toCharArray(), 10_000, random);
    PasswordHash b = PasswordHash.create("same".toCharArray(), 10_000, random);
    assertThat(a.encode()).isNotEqualTo(b.encode());
  }

  @Test
  void refusesWeakOrBrokenHashes() {
    assertThatThrownBy(() -> PasswordHash.create("x".toCharArray(), 1_000, random))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.parse("md5$1$abc$def")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$x$AAAA$AAAA")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$10000$AAAA$AAAA")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void directoryChecksUsersAndHidesWhichPartWasWrong() {
    UserDirectory users = InMemoryUserDirectory.builder().iterations(10_000)
        .user("demo_user", "demo_password".toCharArray())
        .build();
    assertThat(users.authenticate("demo_user", "demo_password".toCharArray())).contains("demo_user");
    assertThat(users.authenticate("demo_user", "other_password".toCharArray())).isEmpty();
    assertThat(users.authenticate("nobody", "demo_password".toCharArray())).isEmpty();
    assertThatThrownBy(() -> InMemoryUserDirectory.builder().iterations(10_000)
        .user("a", "b".toCharArray()).user("a", "c".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
