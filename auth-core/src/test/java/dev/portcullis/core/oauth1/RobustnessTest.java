package dev.portcullis.core.oauth1;
import dev.portcullis.core.spi.oauth1.TokenState;
import dev.portcullis.core.spi.oauth1.TokenKind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the verifier answers with a value (never an exception, so never a 500)
 * and a 4xx status; and nothing it refuses changes any state.
 */
class RobustnessTest {
  private static final String ALPHABET = "oauth_=\",%&+ \t\\;:/?#[]@!$'()*~-._0123456789ABCDEFabcdef\u00e9\u2603\r\n\u0000";

  @Test
  void mutatedRequestsAreRefusedCleanlyAndSpendNothing() {
    Fixture f = new Fixture();
    OAuth1Verifier verifier = f.verifier();
    AuthRequest good = f.access().build();
    String header = good.header("Authorization");
    SplittableRandom r = new SplittableRandom(5849);
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      String h = mutate(header, r);
      String q = mutate("b=2&a=1", r);
      AuthRequest req = Requests.of("GET", "http://api.example.com/1.0/accounts").rawQuery(q)
          .header("Authorization", h)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .body(mutate("x=1", r).getBytes(StandardCharsets.UTF_8)).build();
      for (TokenKind kind : TokenKind.values()) {
        Verification v = verifier.verify(req, kind);
        if (v instanceof Verification.Failed failed) {
          Outcome.Rejected rej = failed.rejection();
          assertThat(rej.status()).isBetween(400, 499);
          assertThat(rej.message()).doesNotContain(Fixture.CS).doesNotContain(Fixture.ATS);
          refused++;
        }
      }
    }
    assertThat(refused).isGreaterThan(50_000);
    assertThat(f.tokens.find(Fixture.RT).state()).isEqualTo(TokenState.AUTHORIZED);
    assertThat(f.tokens.find(Fixture.RT).verifierFailures()).isZero();
    assertThat(f.tokens.find(Fixture.AT).state()).isEqualTo(TokenState.AUTHORIZED);
  }

  private static String mutate(String s, SplittableRandom r) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + r.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : r.nextInt(sb.length());
      char c = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
      switch (r.nextInt(3)) {
        case 0 -> sb.insert(at, c);
        case 1 -> {
          if (sb.length() > 0) {
            sb.deleteCharAt(at);
          }
        }
        default -> {
          if (sb.length() > 0) {
            sb.setCharAt(at, c);
          }
        }
      }
    }
    return sb.toString();
  }
}
