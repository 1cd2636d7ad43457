package dev.portcullis.core.internal;

import dev.portcullis.core.http.MalformedException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthParamsTest {

  @Test
  void parsesTokensAndQuotedStringsInOrderWithLowerCaseNames() {
    Map<String, String> p = AuthParams.parse(
        "Username=\"Mufasa\", realm=\"http-auth@example.org\", nc=00000001, QOP=auth");
    assertThat(p).containsExactly(
        Map.entry("username", "Mufasa"),
        Map.entry("realm", "http-auth@example.org"),
        Map.entry("nc", "00000001"),
        Map.entry("qop", "auth"));
  }

  @Test
  void undoesQuotedPairEscapes() {
    assertThat(AuthParams.parse("realm=\"a\\\"b\\\\c\\d\"")).containsEntry("realm", "a\"b\\cd");
  }

  @Test
  void keepsCommasAndSpacesInsideQuotedStrings() {
    assertThat(AuthParams.parse("a=\"x, y=z\" , b = c")).containsExactly(
        Map.entry("a", "x, y=z"), Map.entry("b", "c"));
  }

  @Test
  void acceptsEmptyQuotedValue() {
    assertThat(AuthParams.parse("a=\"\"")).containsEntry("a", "");
  }

  @Test
  void ignoresEmptyListElements() {
    assertThat(AuthParams.parse("a=1,, ,b=2,")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void ignoresLeadingEmptyListElements() {
    assertThat(AuthParams.parse(", ,a=1")).containsExactly(Map.entry("a", "1"));
    assertThat(AuthParams.parse(",")).isEmpty();
  }

  @Test
  void emptyInputIsAnEmptyMap() {
    assertThat(AuthParams.parse("")).isEmpty();
    assertThat(AuthParams.parse("   ")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"realm=a, REALM=b", "nc=1, nc=\"1\"", "Nonce=x, nONCE=x"})
  void rejectsDuplicatesCaseInsensitively(String input) {
    assertThatThrownBy(() -> AuthParams.parse(input))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("more than once");
  }

  @ParameterizedTest
  @ValueSource(strings = {"realm=\"abc", "realm=\"abc\\\"", "realm=\"abc\\"})
  void rejectsUnterminatedQuotedString(String input) {
    assertThatThrownBy(() -> AuthParams.parse(input))
        .isInstanceOf(MalformedException.class)
        .hasMessage("unterminated quoted-string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"realm=\"a\u0000b\"", "realm=\"a\nb\"", "realm=\"a\u007fb\"", "realm=\"a\\\u0001b\""})
  void rejectsControlCharactersInQuotedStrings(String input) {
    assertThatThrownBy(() -> AuthParams.parse(input))
        .isInstanceOf(MalformedException.class)
        .hasMessageContaining("control character");
  }

  @Test
  void allowsTabInQuotedString() {
    assertThat(AuthParams.parse("a=\"x\ty\"")).containsEntry("a", "x\ty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"=x", "a", "a=", "a=,b=1", "a=1 b=2", "a=1;b=2", "a=x y", "\"a\"=1", "a=1,=2"})
  void rejectsBrokenGrammar(String input) {
    assertThatThrownBy(() -> AuthParams.parse(input)).isInstanceOf(MalformedException.class);
  }

  @Test
  void messagesNameTheProblemButNotTheValue() {
    assertThatThrownBy(() -> AuthParams.parse("response=\"s3cret-value"))
        .isInstanceOf(MalformedException.class)
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> AuthParams.parse("response=s3cret, response=s3cret"))
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void longParamNamesAreClippedInMessages() {
    String name = "n".repeat(500);
    assertThatThrownBy(() -> AuthParams.parse(name))
        .isInstanceOf(MalformedException.class)
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(100));
  }

  @Test
  void boundsTheNumberOfParams() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i <= AuthParams.MAX_PARAMS; i++) {
      sb.append(i == 0 ? "" : ",").append("p").append(i).append("=1");
    }
    assertThatThrownBy(() -> AuthParams.parse(sb.toString()))
        .isInstanceOf(MalformedException.class)
        .hasMessage("too many auth-params");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "a-b.c_d~e+f/g", "YWxhZGRpbjpvcGVuc2VzYW1l", "abc=", "abc==", "pct_0123ABCabc"})
  void acceptsToken68(String s) {
    assertThat(AuthParams.isToken68(s)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "=", "==", "a=b", "a b", "a,b", "a:b", "a\"b", "a=bc", "é"})
  void refusesNonToken68(String s) {
    assertThat(AuthParams.isToken68(s)).isFalse();
  }

  @Test
  void token68RefusesNull() {
    assertThat(AuthParams.isToken68(null)).isFalse();
  }

  @Test
  void tokenAndTchar() {
    assertThat(AuthParams.isToken("Digest")).isTrue();
    assertThat(AuthParams.isToken("a!#$%&'*+-.^_`|~9")).isTrue();
    assertThat(AuthParams.isToken("")).isFalse();
    assertThat(AuthParams.isToken(null)).isFalse();
    assertThat(AuthParams.isToken("a b")).isFalse();
    assertThat(AuthParams.isToken("a/b")).isFalse();
    assertThat(AuthParams.isToken("a=b")).isFalse();
  }
}
