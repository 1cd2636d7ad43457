package dev.portcullis.core.oauth1;

import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.internal.Utf8;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The signed parameters of one request as the bytes the signature base string (RFC 5849 §3.4.1)
 * carries, plus the buffer the base string is written to.
 *
 * <p>Each name and value is held <em>encoded twice</em>: once as §3.6 prescribes for the
 * normalized parameters (§3.4.1.3.2), and again because the normalized parameter string is itself
 * encoded into the base string (§3.4.1.1). Percent-encoding twice only turns each {@code %} into
 * {@code %25}, and every character a second encoding touches sorts the same before and after, so
 * sorting the twice-encoded forms gives the §3.4.1.3.2 order and the base string is then a series
 * of plain copies.
 *
 * <p>Wire text (the header's values, the query) is turned into this form in one pass, decoding,
 * checking and re-encoding together: it refuses exactly what {@code PercentCodec.decode} refuses,
 * with the same messages and in the same order, and yields exactly
 * {@code enc(enc(PercentCodec.decode(raw)))}. Not thread-safe: one per thread, lent out with
 * {@link #acquire()} and handed back with {@link #release()}.
 */
final class ParamBytes {
  private static final int MAX_KEPT = 16 * 1024;
  /** Worst case of one input char: a UTF-8 byte of up to 3 (per char) escaped as "%25XX", 5 bytes each. */
  private static final int MAX_PER_CHAR = 15;
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
  private static final VarHandle LONG_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final ThreadLocal<ParamBytes> LOCAL = ThreadLocal.withInitial(ParamBytes::new);

  /** RFC 3986 unreserved ASCII characters: the only ones left bare by §3.6. */
  private static final boolean[] UNRESERVED = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      UNRESERVED[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '-' || c == '.' || c == '_' || c == '~';
    }
  }

  byte[] enc = new byte[1024];
  int encLen;
  int[] nameStart = new int[32];
  int[] nameEnd = new int[32];
  int[] valueEnd = new int[32];
  int[] order = new int[32];
  /**
   * The first eight bytes of each name, big-endian and zero-padded: most names differ there, so
   * sorting mostly compares one long (no encoded byte is zero, so the padding sorts first).
   */
  long[] namePrefix = new long[32];
  int n;
  /** Where {@link BaseString} writes the base string; the signature is computed from here. */
  byte[] out = new byte[2048];
  private boolean busy;

  /**
   * This thread's instance, emptied; a fresh one if it is already lent out (a store that verifies
   * another request while this one is under way), so two requests never share one.
   */
  static ParamBytes acquire() {
    ParamBytes p = LOCAL.get();
    if (p.busy) {
      p = new ParamBytes();
    } else if (p.oversized()) {
      // one huge request must not pin its buffers to the thread for good
      p = new ParamBytes();
      LOCAL.set(p);
    }
    p.busy = true;
    p.encLen = 0;
    p.n = 0;
    return p;
  }

  /** Hands the buffers back to the thread; the caller uses neither them nor what they hold after this. */
  void release() {
    busy = false;
  }

  private boolean oversized() {
    return enc.length > MAX_KEPT || out.length > MAX_KEPT || order.length > 256;
  }

  /** The position a parameter about to be appended starts at; {@link #rollback} returns here. */
  int mark() {
    return encLen;
  }

  /** Forgets everything appended since {@code mark}. */
  void rollback(int mark) {
    encLen = mark;
  }

  /** Records the bytes from {@code start} to {@code nameEnd} and on to the current end as one parameter. */
  void commit(int start, int nameEndAt) {
    if (n == order.length) {
      int size = n * 2;
      nameStart = Arrays.copyOf(nameStart, size);
      nameEnd = Arrays.copyOf(nameEnd, size);
      valueEnd = Arrays.copyOf(valueEnd, size);
      namePrefix = Arrays.copyOf(namePrefix, size);
      order = new int[size];
    }
    long prefix = 0;
    if (nameEndAt - start >= 8) {
      prefix = (long) LONG_BIG_ENDIAN.get(enc, start);
    } else {
      for (int j = start; j < start + 8; j++) {
        prefix = prefix << 8 | (j < nameEndAt ? enc[j] : 0);
      }
    }
    namePrefix[n] = prefix;
    nameStart[n] = start;
    nameEnd[n] = nameEndAt;
    valueEnd[n] = encLen;
    n++;
  }

  /** Appends a decoded name and value as one parameter. */
  void add(String name, String value) {
    int start = encLen;
    appendText(name, 0, name.length());
    int ne = encLen;
    appendText(value, 0, value.length());
    commit(start, ne);
  }

  /** Whether the parameter being appended (from {@code start} on) has a name beginning with {@code oauth_}. */
  boolean startsWithOauth(int start) {
    if (encLen - start < 6) {
      return false;
    }
    byte[] e = enc;
    return e[start] == 'o' && e[start + 1] == 'a' && e[start + 2] == 'u' && e[start + 3] == 't'
        && e[start + 4] == 'h' && e[start + 5] == '_';
  }

  private void room(int chars) {
    int need = encLen + chars * MAX_PER_CHAR;
    if (need > enc.length) {
      enc = Arrays.copyOf(enc, Math.max(enc.length * 2, need));
    }
  }

  /** Appends decoded text ({@code s} from {@code from} to {@code to}), encoded twice as UTF-8. */
  void appendText(String s, int from, int to) {
    int plain = plainEnd(s, from, to);
    appendPlain(s, from, plain);
    if (plain == to) {
      return;
    }
    room(to - plain);
    byte[] e = enc;
    int k = encLen;
    for (int i = plain; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (UNRESERVED[c]) {
          e[k++] = (byte) c;
        } else {
          k = escape(e, k, c);
        }
        continue;
      }
      int cp = c;
      if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
        cp = Character.toCodePoint(c, s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        cp = 0xFFFD; // a lone surrogate encodes as the replacement character, as String.getBytes does
      }
      k = escapeCodePoint(e, k, cp);
    }
    encLen = k;
  }

  /**
   * Appends percent-encoded wire text ({@code s} from {@code from} to {@code to}), decoded and
   * encoded twice: the result is {@code enc(enc(PercentCodec.decode(raw, plusIsSpace)))}.
   *
   * @throws MalformedException exactly when {@code PercentCodec.decode} would, with its message:
   *     escapes are checked as they come; a lone surrogate fails where it stands once the text
   *     needs decoding at all (text without {@code %}, or {@code +} in a form, is taken as it is);
   *     bytes that are not UTF-8 fail after the last escape was checked
   * @return whether the text was unreserved characters only, so that it decodes to itself
   */
  boolean appendWire(String s, int from, int to, boolean plusIsSpace) {
    int plain = plainEnd(s, from, to);
    appendPlain(s, from, plain);
    if (plain == to) {
      return true;
    }
    appendWireRest(s, plain, to, plusIsSpace);
    return false;
  }

  /**
   * Where the run of unreserved ASCII characters starting at {@code from} ends (at most {@code to}):
   * most values (keys, tokens, nonces, timestamps) are nothing else, and need neither decoding nor
   * encoding.
   */
  static int plainEnd(String s, int from, int to) {
    int j = from;
    while (j < to) {
      char c = s.charAt(j);
      if (c >= 0x80 || !UNRESERVED[c]) {
        return j;
      }
      j++;
    }
    return to;
  }

  /** Appends {@code s} from {@code from} to {@code to}, all unreserved ASCII (see {@link #plainEnd}), as it is. */
  @SuppressWarnings("deprecation") // copies each char's low byte: exact for ASCII, and a plain array copy
  void appendPlain(String s, int from, int to) {
    int need = encLen + (to - from);
    if (need > enc.length) {
      enc = Arrays.copyOf(enc, Math.max(enc.length * 2, need));
    }
    s.getBytes(from, to, enc, encLen);
    encLen = need;
  }

  /**
   * {@link #appendWire} from {@code from} on, where the text before needed no decoding (it was
   * unreserved characters only, or there is none).
   */
  void appendWireRest(String s, int from, int to, boolean plusIsSpace) {
    room(to - from);
    byte[] e = enc;
    int k = encLen;
    boolean decoding = false; // seen a '%' (or a form '+'): PercentCodec.decode would decode, not pass through
    boolean lone = false; // a lone surrogate, fatal once decoding
    boolean bad = false; // the decoded bytes are not UTF-8
    int need = 0; // UTF-8 continuation bytes still expected
    int lo = 0x80;
    int hi = 0xBF;
    for (int j = from; j < to; j++) {
      char c = s.charAt(j);
      int b;
      if (c == '%') {
        if (lone) {
          throw new MalformedException("text is not valid UTF-8");
        }
        decoding = true;
        if (j + 2 >= to) {
          throw new MalformedException("incomplete percent-escape");
        }
        int h = hex(s.charAt(j + 1));
        int l = hex(s.charAt(j + 2));
        if (h < 0 || l < 0) {
          throw new MalformedException("invalid percent-escape");
        }
        b = h << 4 | l;
        j += 2;
      } else if (c < 0x80) {
        if (c == '+' && plusIsSpace) {
          if (lone) {
            throw new MalformedException("text is not valid UTF-8");
          }
          decoding = true;
          b = ' ';
        } else {
          if (need != 0) {
            bad = true;
            need = 0;
          }
          if (UNRESERVED[c]) {
            e[k++] = (byte) c;
          } else {
            k = escape(e, k, c);
          }
          continue;
        }
      } else {
        // literal non-ASCII text: its UTF-8 bytes join the decoded bytes
        int cp = c;
        if (Character.isHighSurrogate(c) && j + 1 < to && Character.isLowSurrogate(s.charAt(j + 1))) {
          cp = Character.toCodePoint(c, s.charAt(++j));
        } else if (Character.isSurrogate(c)) {
          if (decoding) {
            throw new MalformedException("text is not valid UTF-8");
          }
          lone = true;
          cp = 0xFFFD;
        }
        if (need != 0) {
          bad = true; // a lead byte where a continuation byte was due
          need = 0;
        }
        k = escapeCodePoint(e, k, cp);
        continue;
      }
      // a decoded byte: check it continues a UTF-8 sequence correctly, then encode it
      if (b < 0x80) {
        if (need != 0) {
          bad = true;
          need = 0;
        }
        if (UNRESERVED[b]) {
          e[k++] = (byte) b;
        } else {
          k = escape(e, k, b);
        }
        continue;
      }
      if (need != 0) {
        if (b < lo || b > hi) {
          bad = true;
          need = 0;
        } else {
          need--;
          lo = 0x80;
          hi = 0xBF;
        }
      } else {
        int lead = Utf8.lead(b);
        if (lead == Utf8.INVALID) {
          bad = true;
        } else {
          need = Utf8.continuations(lead);
          lo = Utf8.low(lead);
          hi = Utf8.high(lead);
        }
      }
      k = escape(e, k, b);
    }
    if (bad || need != 0) {
      throw new MalformedException("text is not valid UTF-8");
    }
    encLen = k;
  }

  private static int escapeCodePoint(byte[] e, int k, int cp) {
    if (cp < 0x800) {
      k = escape(e, k, 0xC0 | cp >> 6);
      return escape(e, k, 0x80 | cp & 0x3F);
    }
    if (cp < 0x10000) {
      k = escape(e, k, 0xE0 | cp >> 12);
      k = escape(e, k, 0x80 | cp >> 6 & 0x3F);
      return escape(e, k, 0x80 | cp & 0x3F);
    }
    k = escape(e, k, 0xF0 | cp >> 18);
    k = escape(e, k, 0x80 | cp >> 12 & 0x3F);
    k = escape(e, k, 0x80 | cp >> 6 & 0x3F);
    return escape(e, k, 0x80 | cp & 0x3F);
  }

  /** Byte {@code b} escaped, and the escape's {@code %} escaped again: {@code %25XX}. */
  private static int escape(byte[] e, int k, int b) {
    e[k] = '%';
    e[k + 1] = '2';
    e[k + 2] = '5';
    e[k + 3] = HEX[b >> 4 & 0xF];
    e[k + 4] = HEX[b & 0xF];
    return k + 5;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
