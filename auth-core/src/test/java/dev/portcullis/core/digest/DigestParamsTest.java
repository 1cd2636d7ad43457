package dev.portcullis.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.core.http.AuthParams;
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
  })
  void sameValuesAsAuthParams(String input) {
    Map<String, String> general = AuthParams.parse(input);
    DigestParams p = DigestParams.parse(input);
    for (int i = 0; i < NAMES.length; i++) {
      assertThat(p.get(i)).as(NAMES[i]).isEqualTo(general.get(NAMES[i]));
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
