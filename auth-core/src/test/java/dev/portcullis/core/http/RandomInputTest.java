package dev.portcullis.core.http;

import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.internal.FormCodec;
import dev.portcullis.core.internal.PercentCodec;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Throws seeded random and mutated input at the header and form parsers: the only exception they
 * may raise is {@link MalformedException}, whose message never repeats the input.
 */
class RandomInputTest {
  private static final String ALPHABET = "aZ09=,;\"\\ \t%+&:/é☃\u0000\u007f\r\n\uD83D\uDE00\uD83D";
  private static final List<String> SEEDS = List.of(
      "username=\"Mufasa\", realm=\"http-auth@example.org\", nc=00000001, qop=auth",
      "a=%E2%98%83&b=c+d&e",
      "oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\"");

  private static String randomInput(Random r) {
    StringBuilder sb;
    if (r.nextBoolean()) {
      sb = new StringBuilder(SEEDS.get(r.nextInt(SEEDS.size())));
      int edits = 1 + r.nextInt(4);
      for (int e = 0; e < edits && sb.length() > 0; e++) {
        int at = r.nextInt(sb.length());
        switch (r.nextInt(3)) {
          case 0 -> sb.deleteCharAt(at);
          case 1 -> sb.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
          default -> sb.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
      }
    } else {
      sb = new StringBuilder();
      int len = r.nextInt(40);
      for (int i = 0; i < len; i++) {
        sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  private static void onlyMalformed(Runnable parse, String input) {
    try {
      parse.run();
    } catch (MalformedException e) {
      if (input.length() > 8) {
        assertThat(e.getMessage()).as("message for %s", input).doesNotContain(input);
      }
    }
  }

  @Test
  void parsersRefuseBadInputOnlyWithMalformedException() {
    Random r = new Random(20260301L);
    for (int i = 0; i < 20_000; i++) {
      String input = randomInput(r);
      onlyMalformed(() -> AuthParams.parse(input), input);
      onlyMalformed(() -> PercentCodec.decode(input, true), input);
      onlyMalformed(() -> PercentCodec.decode(input, false), input);
      onlyMalformed(() -> FormCodec.decode(input), input);
      AuthParams.isToken68(input);
    }
  }
}
