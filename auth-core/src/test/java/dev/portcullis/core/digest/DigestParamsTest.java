package dev.portcullis.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.internal.AuthParams;
import dev.portcullis.core.http.MalformedException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one-pass Digest parser accepts and refuses exactly what the general auth-param parser does. */
class DigestParamsTest {
  private static final String[] NAMES = {"username", "username*", "realm", "nonce", "uri", "response",
      "algorithm", "cnonce", "opaque", "qop", "nc", "userhash"};

  @ParameterizedTest
  @ValueSource(strings = {
      "username=\"Mufasa\", realm=\"a\\\"b\", nonce=abc, uri=\"/x?y=1\", qop=auth, nc=00000001",
      "  USERNAME = \"x\" ,, Realm=r,",
      "username=\"a\", opaque=\"o\", foo=bar, baz=\"q\"",
      "username*=UTF-8''J%C3%A4s, userhash=false",
      "cnonce=\"tab\tinside\", response=\"\"",
      "UsErNaMe*=UTF-8''x, ALGORITHM=md5, UserHash=TRUE, Nc=00000001, QOP=auth, URI=\"/a\"",
      "cnonce=\"caf\u00e9\", nonce=\"\u0416\", opaque=\"a\\\u00e9\"",
      "xsername*=1, usernamex=2, nonc=3, nonce_=4, uri~=5, realm^=6, response=\"ok\"",
      "cnonce=\"a\\\"b\\\\c\", uri=\"\\/x\"",
      " , ,\tusername=\"a\"",
  })
  void sameValuesAsAuthParams(String input) {
    assertSameAsAuthParams(input);
  }

  /** Every known value, read through get and through its span, is what the general parser gives. */
  private static void assertSameAsAuthParams(String input) {
    Map<String, String> general = AuthParams.parse(input);
    DigestParams p = DigestParams.parse(input);
    for (int i = 0; i < NAMES.length; i++) {
      String expected = general.get(NAMES[i]);
      assertThat(p.get(i)).as(NAMES[i]).isEqualTo(expected);
      assertThat(p.has(i)).as(NAMES[i]).isEqualTo(expected != null);
      if (expected != null) {
        assertThat(p.source(i).substring(p.from(i), p.to(i))).as(NAMES[i]).isEqualTo(expected);
        assertThat(p.length(i)).isEqualTo(expected.length());
        assertThat(p.is(i, expected)).isTrue();
        assertThat(p.isIgnoreCase(i, expected.toUpperCase(java.util.Locale.ROOT))).isTrue();
        assertThat(p.ascii(i)).as(NAMES[i]).isEqualTo(expected.chars().allMatch(c -> c < 0x80));
      }
    }
  }

  /**
   * Random mixes of the characters the grammar cares about, refused or read exactly as the general
   * parser does (fixed seed, so a failure reproduces).
   */
  @org.junit.jupiter.api.Test
  void randomInputsMatchAuthParams() {
    String[] pieces = {"username", "USERNAME*", "realm", "Nonce", "uri", "response", "algorithm", "cnonce",
        "opaque", "qop", "nc", "userhash", "usernamE", "x", "=", "=", "\"", "\"", "\\", ",", ", ", " ", "\t",
        "a", "Z", "0", "/", "%", "\u00e9", "\u0416", "\u0001", "\u007f", "\r", "^", "~", "*", "'"};
    java.util.Random random = new java.util.Random(7616);
    int agreed = 0;
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      if (random.nextBoolean()) {
        int parts = 1 + random.nextInt(14);
        for (int k = 0; k < parts; k++) {
          sb.append(pieces[random.nextInt(pieces.length)]);
        }
      } else {
        // mostly well-formed lists, with the odd piece thrown into a quoted value
        int params = 1 + random.nextInt(6);
        for (int k = 0; k < params; k++) {
          sb.append(k == 0 ? "" : random.nextBoolean() ? ", " : ",");
          sb.append(pieces[random.nextInt(12)]).append(random.nextInt(4) == 0 ? " = " : "=");
          if (random.nextBoolean()) {
            sb.append("tok").append(k);
          } else {
            sb.append('"');
            for (int c = random.nextInt(5); c > 0; c--) {
              sb.append(pieces[12 + random.nextInt(pieces.length - 12)]);
            }
            sb.append('"');
          }
        }
      }
      String input = sb.toString();
      boolean generalRefuses = refuses(() -> AuthParams.parse(input));
      boolean digestRefuses = refuses(() -> DigestParams.parse(input));
      assertThat(digestRefuses).as("refusal of [%s]", input.chars()
          .mapToObj(c -> c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c))
          .collect(java.util.stream.Collectors.joining()))
          .isEqualTo(generalRefuses);
      if (!generalRefuses) {
        assertSameAsAuthParams(input);
        agreed++;
      }
    }
    assertThat(agreed).as("inputs both accepted").isGreaterThan(2_000);
  }

  private static boolean refuses(Runnable parse) {
    try {
      parse.run();
      return false;
    } catch (MalformedException e) {
      return true;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "username=\"a\", username=\"b\"",
      "Realm=a, realm=b",
      "foo=1, FOO=2",
      "username=\"a",
      "username=\"a\" realm=b",
      "=x",
      "username",
      "username=",
      "nonce=\"a\u0001b\"",
      "username=\"a\\",
      "nonce=\"a\\\u0001b\"",
      "cnonce=\"a\\\rb\"",
  })
  void sameRefusalsAsAuthParams(String input) {
    assertThatThrownBy(() -> AuthParams.parse(input)).isInstanceOf(MalformedException.class);
    assertThatThrownBy(() -> DigestParams.parse(input)).isInstanceOf(MalformedException.class);
  }

  @org.junit.jupiter.api.Test
  void tooManyParamsAreRefused() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= AuthParams.MAX_PARAMS; i++) {
      sb.append(i == 0 ? "" : ", ").append("p").append(i).append("=v");
    }
    assertThatThrownBy(() -> DigestParams.parse(sb.toString())).isInstanceOf(MalformedException.class);
  }
}
