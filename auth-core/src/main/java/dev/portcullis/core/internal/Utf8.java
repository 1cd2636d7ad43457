package dev.portcullis.core.internal;

/**
 * The one place that knows which bytes may start a well-formed UTF-8 sequence (RFC 3629 §4): how
 * many continuation bytes follow, and the narrower range the first of them must fall in (which is
 * what refuses overlong forms, surrogates and values past U+10FFFF). Used by the percent codec,
 * which checks a finished buffer, and by the OAuth parameter collector, which checks as it decodes.
 *
 * <pre>{@code
 * int lead = Utf8.lead(0xE0);  // Utf8.continuations(lead) == 2, first continuation in A0..BF
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class Utf8 {
  /** What {@link #lead} answers for a byte that cannot start a sequence. */
  public static final int INVALID = -1;

  private Utf8() {}

  /**
   * Classifies a byte of 0x80 or above as the lead of a multi-byte sequence.
   *
   * @param b the byte, as 0..255
   * @return {@link #INVALID}, or a packed value read with {@link #continuations}, {@link #low}
   *     and {@link #high}
   */
  public static int lead(int b) {
    if (b >= 0xC2 && b <= 0xDF) {
      return pack(1, 0x80, 0xBF);
    }
    if (b == 0xE0) {
      return pack(2, 0xA0, 0xBF);
    }
    if (b >= 0xE1 && b <= 0xEC || b == 0xEE || b == 0xEF) {
      return pack(2, 0x80, 0xBF);
    }
    if (b == 0xED) {
      return pack(2, 0x80, 0x9F);
    }
    if (b == 0xF0) {
      return pack(3, 0x90, 0xBF);
    }
    if (b >= 0xF1 && b <= 0xF3) {
      return pack(3, 0x80, 0xBF);
    }
    if (b == 0xF4) {
      return pack(3, 0x80, 0x8F);
    }
    return INVALID; // a stray continuation byte, C0/C1 (always overlong), or F5..FF
  }

  /** How many continuation bytes follow the lead (1 to 3). */
  public static int continuations(int lead) {
    return lead & 0xFF;
  }

  /** The lowest value the first continuation byte may take. */
  public static int low(int lead) {
    return lead >>> 8 & 0xFF;
  }

  /** The highest value the first continuation byte may take. */
  public static int high(int lead) {
    return lead >>> 16 & 0xFF;
  }

  private static int pack(int need, int lo, int hi) {
    return need | lo << 8 | hi << 16;
  }
}
