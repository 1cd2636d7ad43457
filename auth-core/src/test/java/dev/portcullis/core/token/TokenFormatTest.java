package dev.portcullis.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.internal.AuthParams;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenFormatTest {
  private final TokenFormat format = new TokenFormat("pct_");
  private final SecureRandom random = new SecureRandom();

  @Test
  void generatedTokensHaveTheDocumentedShape() {
    String id = format.newId(random);
    String token = format.newToken(random, id);
    assertThat(id).hasSize(TokenFormat.ID_LENGTH).matches("[0-9A-Za-z]+");
    assertThat(token)
        .hasSize(4 + 12 + 1 + 22 + 6)
        .startsWith("pct_" + id + "_")
        .matches("pct_[0-9A-Za-z]{12}_[0-9A-Za-z]{28}")
        .doesNotContain(":");
    assertThat(AuthParams.isToken68(token)).isTrue();
    assertThat(format.idOf(token)).isEqualTo(id);
  }

  @Test
  void secretsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    String id = format.newId(random);
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(format.newToken(random, id).substring(17, 39))).isTrue();
    }
  }

  @Test
  void anySingleCharacterChangeIsCaughtByTheChecksum() {
    String token = format.newToken(random, format.newId(random));
    for (int i = 4; i < token.length(); i++) {
      if (token.charAt(i) == '_') {
        continue;
      }
      char c = token.charAt(i);
      char other = c == 'a' ? 'b' : 'a';
      String typo = token.substring(0, i) + other + token.substring(i + 1);
      assertThat(format.idOf(typo)).as("typo at %d", i).isNull();
    }
  }

  @Test
  void swappedNeighboursAreCaught() {
    String token = format.newToken(random, format.newId(random));
    int i = 17;
    while (token.charAt(i) == token.charAt(i + 1)) {
      i++;
    }
    String swapped = token.substring(0, i) + token.charAt(i + 1) + token.charAt(i) + token.substring(i + 2);
    assertThat(format.idOf(swapped)).isNull();
  }

  @Test
  void refusesWrongLengthAlphabetSeparatorAndPrefix() {
    String token = format.newToken(random, format.newId(random));
    assertThat(format.idOf(token.substring(0, token.length() - 1))).isNull();
    assertThat(format.idOf(token + "0")).isNull();
    assertThat(format.idOf(token.substring(0, 16) + "-" + token.substring(17))).isNull();
    assertThat(format.idOf("pcx_" + token.substring(4))).isNull();
    assertThat(format.idOf(token.substring(0, 10) + "+" + token.substring(11))).isNull();
    assertThat(format.idOf("")).isNull();
    assertThat(format.claims(token)).isTrue();
    assertThat(format.claims("demo_api_token")).isFalse();
  }

  @Test
  void customPrefix() {
    TokenFormat acme = new TokenFormat("acme-");
    String token = acme.newToken(random, acme.newId(random));
    assertThat(token).startsWith("acme-");
    assertThat(acme.idOf(token)).isNotNull();
    assertThat(format.idOf(token)).isNull();
  }
}
