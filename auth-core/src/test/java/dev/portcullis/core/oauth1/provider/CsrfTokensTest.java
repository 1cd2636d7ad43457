package dev.portcullis.core.oauth1.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.oauth1.provider.CsrfTokens.Check;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CsrfTokensTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final CsrfTokens csrf = CsrfTokens.builder().clock(clock).lifetime(Duration.ofMinutes(10)).build();

  @Test
  void validForItsRequestTokenAndBrowserOnly() {
    String binding = csrf.newBinding();
    String token = csrf.issue("rt-1", binding);
    assertThat(csrf.check(token, "rt-1", binding)).isEqualTo(Check.VALID);
    assertThat(csrf.check(token, "rt-2", binding)).isEqualTo(Check.INVALID);
    assertThat(csrf.check(token, "rt-1", csrf.newBinding())).isEqualTo(Check.INVALID);
  }

  @Test
  void missingPartsAreMissing() {
    String binding = csrf.newBinding();
    String token = csrf.issue("rt-1", binding);
    assertThat(csrf.check(null, "rt-1", binding)).isEqualTo(Check.MISSING);
    assertThat(csrf.check("", "rt-1", binding)).isEqualTo(Check.MISSING);
    assertThat(csrf.check(token, "rt-1", null)).isEqualTo(Check.MISSING);
  }

  @Test
  void expiresAfterItsLifetime() {
    String binding = csrf.newBinding();
    String token = csrf.issue("rt-1", binding);
    clock.advance(Duration.ofMinutes(10));
    assertThat(csrf.check(token, "rt-1", binding)).isEqualTo(Check.VALID);
    clock.advance(Duration.ofSeconds(1));
    assertThat(csrf.check(token, "rt-1", binding)).isEqualTo(Check.EXPIRED);
  }

  @Test
  void tamperedOrForeignTokensAreInvalid() {
    String binding = csrf.newBinding();
    String token = csrf.issue("rt-1", binding);
    String later = (Long.parseLong(token.substring(0, token.indexOf('.'))) + 3600) + token.substring(token.indexOf('.'));
    assertThat(csrf.check(later, "rt-1", binding)).isEqualTo(Check.INVALID);
    assertThat(csrf.check(token + "x", "rt-1", binding)).isEqualTo(Check.INVALID);
    assertThat(csrf.check("garbage", "rt-1", binding)).isEqualTo(Check.INVALID);
    assertThat(csrf.check("1.2", "rt-1", binding)).isEqualTo(Check.INVALID);
    assertThat(csrf.check("-1.a.b", "rt-1", binding)).isEqualTo(Check.INVALID);
    assertThat(csrf.check("9".repeat(300), "rt-1", binding)).isEqualTo(Check.INVALID);
    CsrfTokens other = CsrfTokens.builder().clock(clock).build();
    assertThat(other.check(token, "rt-1", binding)).isEqualTo(Check.INVALID);
  }

  @Test
  void sharedKeyWorksAcrossInstancesAndShortKeysAreRefused() {
    byte[] key = new byte[32];
    key[0] = 7;
    CsrfTokens a = CsrfTokens.builder().key(key).clock(clock).build();
    CsrfTokens b = CsrfTokens.builder().key(key).clock(clock).build();
    String binding = a.newBinding();
    assertThat(b.isMinted(binding)).as("a binding minted on another node with the same key").isTrue();
    assertThat(b.check(a.issue("rt", binding), "rt", binding)).isEqualTo(Check.VALID);
    assertThatThrownBy(() -> CsrfTokens.builder().key(new byte[16])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyBindingsThisServerMintedAreHonoured() {
    String minted = csrf.newBinding();
    assertThat(csrf.isMinted(minted)).isTrue();
    // a value the client chose (cookie tossing) is refused, even though it is shaped like a binding
    for (String chosen : new String[] {"binding-value-xyz", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        minted.substring(0, minted.indexOf('.')), minted + "x", minted.substring(0, minted.length() - 1) + (minted.endsWith("A") ? "E" : "A"),
        "x." + minted.substring(minted.indexOf('.') + 1), minted + "." + minted, "", "."}) {
      assertThat(csrf.isMinted(chosen)).as(chosen).isFalse();
    }
    assertThat(csrf.isMinted(null)).isFalse();
    assertThat(CsrfTokens.builder().build().isMinted(minted)).as("another key").isFalse();

    // a token issued for a minted binding does not verify against a chosen one
    String token = csrf.issue("rt-1", minted);
    assertThat(csrf.check(token, "rt-1", "binding-value-xyz")).isEqualTo(Check.INVALID);
    assertThatThrownBy(() -> csrf.issue("rt-1", "binding-value-xyz")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builderRefusesASettingGivenTwice() {
    assertThatThrownBy(() -> CsrfTokens.builder().clock(clock).clock(clock)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CsrfTokens.builder().lifetime(Duration.ofMinutes(1)).lifetime(Duration.ofMinutes(2)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> CsrfTokens.builder().key(new byte[32]).key(new byte[32]))
        .isInstanceOf(IllegalStateException.class);
  }
}
