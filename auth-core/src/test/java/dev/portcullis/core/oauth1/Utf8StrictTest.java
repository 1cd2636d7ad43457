package dev.portcullis.core.oauth1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.internal.PercentCodec;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PercentCodec#utf8Strict} validates UTF-8 by hand (for the OAuth hot path); it must accept
 * and refuse exactly what the JDK's strict decoder does.
 */
class Utf8StrictTest {

  @Test
  void everyTwoByteSequence() {
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        same(new byte[] {(byte) a, (byte) b});
      }
    }
  }

  @Test
  void everyThreeByteSequenceWithALeadByteOfThree() {
    for (int a = 0xE0; a <= 0xEF; a++) {
      for (int b = 0; b < 256; b++) {
        for (int c : new int[] {0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF}) {
          same(new byte[] {(byte) a, (byte) b, (byte) c});
        }
      }
    }
  }

  @Test
  void randomSequences() {
    SplittableRandom r = new SplittableRandom(5849);
    for (int i = 0; i < 200_000; i++) {
      byte[] b = new byte[1 + r.nextInt(6)];
      for (int j = 0; j < b.length; j++) {
        // bias toward the interesting range
        b[j] = (byte) (r.nextBoolean() ? 0x80 + r.nextInt(0x80) : r.nextInt(256));
      }
      same(b);
    }
  }

  private static void same(byte[] b) {
    String expected;
    try {
      expected = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      expected = null;
    }
    String actual;
    try {
      actual = PercentCodec.utf8Strict(b, 0, b.length);
    } catch (MalformedException e) {
      actual = null;
    }
    assertThat(actual).as("bytes %s", java.util.HexFormat.of().formatHex(b)).isEqualTo(expected);
  }
}
