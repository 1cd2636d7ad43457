package dev.portcullis.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

/** Small helpers the fuzz targets share: turning bytes into text and checking what comes back. */
final class Inputs {
  private Inputs() {}

  /** Every two bytes as one UTF-16 char, so lone surrogates and any BMP char can appear. */
  static String utf16(byte[] data) {
    char[] out = new char[data.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (char) ((data[2 * i] & 0xFF) << 8 | data[2 * i + 1] & 0xFF);
    }
    return new String(out);
  }

  static boolean isUpperHex(char c) {
    return c >= '0' && c <= '9' || c >= 'A' && c <= 'F';
  }

  /** Whether every surrogate in {@code s} is half of a pair. */
  static boolean isWellFormedUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static String replaceLoneSurrogates(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else {
        sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return sb.toString();
  }

  /**
   * A refusal's message is meant for the client: it names the problem, never echoes the input. Short
   * inputs are skipped, since "a" or "nc" may well occur in any sentence.
   */
  static void assertSafeMessage(RuntimeException e, String input) {
    assertThat(e.getMessage()).isNotBlank();
    if (input.trim().length() >= 12) {
      assertThat(e.getMessage()).as("message echoes the input").doesNotContain(input.trim());
    }
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
  }
}
