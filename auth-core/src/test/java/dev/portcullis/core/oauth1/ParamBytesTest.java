package dev.portcullis.core.oauth1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.core.AuthRequest;
import dev.portcullis.core.http.MalformedException;
import dev.portcullis.core.http.Param;
import dev.portcullis.core.internal.PercentCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The single-pass parameter collection (wire text decoded, checked and encoded for the base string
 * in one go) against the decode-then-encode it replaced: the same base string, the same protocol
 * parameters and, for bad input, the same refusal with the same message.
 */
class ParamBytesTest {
  private static final String ALPHABET = "aZ09-._~%%%2B3D5FeEfgG+ =&\"\\,;/\u00e9\u2603\ud83d\ude00\ud83d\ude00\udc00\t";
  private static final String[] PIECES = {"%E2%98%83", "%C3%A9", "%F0%9F%98%80", "%ED%A0%80", "%C0%AF",
      "%E2%98", "%80", "%FF", "%2", "%zz", "%41", "%7e", "+", "\ud83d", "\ude00", "\u00e9", "oauth_"};

  @Test
  void wireTextBecomesWhatDecodingAndEncodingTwiceGives() {
    SplittableRandom r = new SplittableRandom(3986);
    for (int i = 0; i < 200_000; i++) {
      String raw = randomText(r, 1 + r.nextInt(12));
      for (boolean plus : new boolean[] {false, true}) {
        String expected;
        try {
          expected = PercentCodec.encode(PercentCodec.encode(PercentCodec.decode(raw, plus)));
        } catch (MalformedException e) {
          expected = "refused: " + e.getMessage();
        }
        ParamBytes b = new ParamBytes();
        String actual;
        try {
          boolean plain = b.appendWire("<" + raw + ">", 1, raw.length() + 1, plus);
          actual = new String(b.enc, 0, b.encLen, StandardCharsets.US_ASCII);
          if (plain) {
            assertThat(PercentCodec.decode(raw, plus)).as("decodes to itself").isEqualTo(raw);
          }
        } catch (MalformedException e) {
          actual = "refused: " + e.getMessage();
        }
        assertThat(actual).as("%s, plus is space: %s", escape(raw), plus).isEqualTo(expected);
      }
    }
  }

  @Test
  void decodedTextIsEncodedTwice() {
    SplittableRandom r = new SplittableRandom(5849);
    for (int i = 0; i < 50_000; i++) {
      String text = randomText(r, r.nextInt(12));
      ParamBytes b = new ParamBytes();
      b.appendText(text, 0, text.length());
      assertThat(new String(b.enc, 0, b.encLen, StandardCharsets.US_ASCII)).as(escape(text))
          .isEqualTo(PercentCodec.encode(PercentCodec.encode(text)));
    }
  }

  @Test
  void collectsWhatTheDecodeThenEncodeCollectorCollected() {
    Fixture f = new Fixture();
    String header = f.access().build().header("Authorization");
    SplittableRandom r = new SplittableRandom(1049);
    int accepted = 0;
    for (int i = 0; i < 30_000; i++) {
      String h = mutate(header, r);
      String q = mutate("b=%E2%98%83&a=1+2&c&=d&&oauth=x", r);
      String body = mutate("x=1&y=%20", r);
      AuthRequest req = Requests.of("GET", "http://api.example.com/1.0/accounts").rawQuery(q)
          .header("Authorization", h)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .body(body.getBytes(StandardCharsets.UTF_8)).build();
      int at = h.indexOf(' ') + 1;
      String credentials = h.substring(at);
      String expected;
      try {
        expected = describe(LegacyProtocolParams.collect(req, credentials));
      } catch (MalformedException e) {
        expected = "refused: " + e.getMessage();
      }
      String actual;
      try {
        ProtocolParams p = ProtocolParams.collect(req, h, at);
        try {
          actual = describe(p);
          accepted++;
        } finally {
          p.release();
        }
      } catch (MalformedException e) {
        actual = "refused: " + e.getMessage();
      }
      assertThat(actual).as("header %s, query %s, body %s", escape(h), escape(q), escape(body)).isEqualTo(expected);
    }
    assertThat(accepted).isGreaterThan(3_000);
  }

  private static String describe(LegacyProtocolParams p) {
    return BaseString.of("GET", "http://api.example.com/x", referenceOrder(p.signed)) + " | " + p.consumerKey
        + " " + p.token + " " + p.signatureMethod + " " + p.signature + " " + p.timestamp + " " + p.nonce
        + " " + p.version + " " + p.callback + " " + p.verifier + " " + p.bodyHash;
  }

  private static String describe(ProtocolParams p) {
    return BaseString.of("GET", "http://api.example.com/x", p) + " | " + p.consumerKey
        + " " + p.token + " " + p.signatureMethod + " " + p.signature + " " + p.timestamp + " " + p.nonce
        + " " + p.version + " " + p.callback + " " + p.verifier + " " + p.bodyHash;
  }

  /**
   * The reference base string's parameters, encoded and sorted with plain strings (§3.4.1.3.2), so
   * the comparison does not rest on the byte-level sort under test.
   */
  private static List<Param> referenceOrder(List<Param> params) {
    List<Param> sorted = new ArrayList<>(params);
    sorted.sort((a, b) -> {
      int byName = PercentCodec.encode(a.name()).compareTo(PercentCodec.encode(b.name()));
      return byName != 0 ? byName : PercentCodec.encode(a.value()).compareTo(PercentCodec.encode(b.value()));
    });
    return sorted;
  }

  private static String randomText(SplittableRandom r, int parts) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < parts; k++) {
      if (r.nextInt(3) == 0) {
        sb.append(PIECES[r.nextInt(PIECES.length)]);
      } else {
        sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      }
    }
    return sb.toString();
  }

  private static String mutate(String s, SplittableRandom r) {
    StringBuilder sb = new StringBuilder(s);
    int edits = r.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = sb.length() == 0 ? 0 : r.nextInt(sb.length());
      String piece = r.nextInt(4) == 0 ? PIECES[r.nextInt(PIECES.length)]
          : String.valueOf(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
      switch (r.nextInt(3)) {
        case 0 -> sb.insert(at, piece);
        case 1 -> {
          if (sb.length() > 0) {
            sb.deleteCharAt(at);
          }
        }
        default -> {
          if (sb.length() > 0) {
            sb.replace(at, at + 1, piece);
          }
        }
      }
    }
    return sb.toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return sb.toString();
  }
}
